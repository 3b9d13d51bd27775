/** Pure questions about the tag graph: the chain down to the base, what to highlight, dangling images. */
import type { ArchiveAnalysis } from '../../../src-shared/archive-analysis';
import type { ImageGraph } from '../../../src-shared/images-dto';

/** The image a node stands for: itself for an image node, the image its tag edge names for a tag. */
export function imageOf(graph: ImageGraph, id: string): string | null {
  const node = graph.nodes.find((n) => n.id === id);
  if (!node) return null;
  if (node.kind === 'image') return id;
  return graph.edges.find((e) => e.kind === 'tag' && e.from === id)?.to ?? null;
}

/** Image IDs from `imageId` down its "built on" edges to the base (cycle-safe). */
export function chainToBase(graph: ImageGraph, imageId: string): string[] {
  const chain: string[] = [];
  const seen = new Set<string>();
  let cur: string | undefined = imageId;
  while (cur && !seen.has(cur)) {
    seen.add(cur);
    chain.push(cur);
    const from: string = cur;
    cur = graph.edges.find((e) => e.kind === 'base' && e.from === from)?.to;
  }
  return chain;
}

/** Node IDs and edge keys (`from->to`) on the path from a node down to its base. */
export function pathDown(graph: ImageGraph, id: string): { nodes: Set<string>; edges: Set<string> } {
  const nodes = new Set<string>([id]);
  const edges = new Set<string>();
  const img = imageOf(graph, id);
  if (!img) return { nodes, edges };
  if (img !== id) edges.add(`${id}->${img}`);
  const chain = chainToBase(graph, img);
  chain.forEach((c, i) => {
    nodes.add(c);
    if (i > 0) edges.add(`${chain[i - 1]}->${c}`);
  });
  return { nodes, edges };
}

/** Tags naming an image. */
export function tagsOf(graph: ImageGraph, imageId: string): string[] {
  return graph.edges.filter((e) => e.kind === 'tag' && e.to === imageId).map((e) => e.from);
}

/** Image nodes no tag names. */
export function danglingImages(graph: ImageGraph): Set<string> {
  const tagged = new Set(graph.edges.filter((e) => e.kind === 'tag').map((e) => e.to));
  return new Set(graph.nodes.filter((n) => n.kind === 'image' && !tagged.has(n.id)).map((n) => n.id));
}

const short = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12);

/** The graph of an opened archive's images, from the analysis (`parentImageId`). */
export function graphFromAnalysis(analysis: ArchiveAnalysis): ImageGraph {
  const g: ImageGraph = { nodes: [], edges: [] };
  const ids = new Set(analysis.images.map((i) => i.id));
  const tags = new Set<string>();
  for (const img of analysis.images) {
    g.nodes.push({ id: img.id, kind: 'image', label: short(img.id) });
    for (const t of img.repoTags) {
      if (tags.has(t)) continue;
      tags.add(t);
      g.nodes.push({ id: t, kind: 'tag', label: t });
      g.edges.push({ from: t, to: img.id, kind: 'tag' });
    }
  }
  for (const img of analysis.images)
    if (img.parentImageId && ids.has(img.parentImageId) && img.parentImageId !== img.id)
      g.edges.push({ from: img.id, to: img.parentImageId, kind: 'base' });
  return g;
}
