/** `strata graph` usage, apart from the command so `strata analyze` loads no engine code. */
export const GRAPH_USAGE = `usage: strata graph [--json | --dot]

Print the local engine's images as a graph: each tag points to its image ID, each image to the
image it is built on. Default: a tree, base images at the roots.
  --json   {nodes: [{id, kind, label}], edges: [{from, to, kind}]}
  --dot    a Graphviz digraph (render with: strata graph --dot | dot -Tsvg > graph.svg)
`;
