/** The tag graph's arrow head, defined once; each picture passes its own id (both may be in the document). */
export function ArrowMarker({ id }: { id: string }): React.JSX.Element {
  return (
    <marker
      id={id}
      viewBox="0 0 10 10"
      refX="10"
      refY="5"
      markerWidth="7"
      markerHeight="7"
      orient="auto-start-reverse"
    >
      <path d="M0,0L10,5L0,10z" className="graph-arrow" />
    </marker>
  );
}

/** The key of an edge, as the graph pictures name it. */
export const edgeKey = (from: string, to: string): string => `${from}->${to}`;
