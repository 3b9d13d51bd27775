/** The part of the tag graph a lesson is about: the lessons' repositories and what they are built on. Pure. */
import type { ImageGraph } from '../../../src-shared/images-dto';
import { chainToBase } from '../graph/graph-model';

/** Tags starting with one of `prefixes`, their images, those images' chains to the base, and `alsoImages`. */
export function learnSubgraph(
  graph: ImageGraph,
  prefixes: readonly string[],
  alsoImages: readonly string[] = [],
): ImageGraph {
  const tags = graph.nodes.filter((n) => n.kind === 'tag' && prefixes.some((p) => n.label.startsWith(p)));
  const tagIds = new Set(tags.map((t) => t.id));
  const roots = graph.edges.filter((e) => e.kind === 'tag' && tagIds.has(e.from)).map((e) => e.to);
  const images = new Set<string>();
  for (const id of [...roots, ...alsoImages.filter((a) => graph.nodes.some((n) => n.id === a))])
    for (const c of chainToBase(graph, id)) images.add(c);
  const keep = new Set([...tagIds, ...images]);
  return {
    nodes: graph.nodes.filter((n) => keep.has(n.id)),
    edges: graph.edges.filter((e) => keep.has(e.from) && keep.has(e.to)),
  };
}
