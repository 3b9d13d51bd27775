/**
 * An image's history with every row kept and explained: empty (metadata) steps and `<missing>`
 * rows included. The engine fills a row's image ID by walking the Parent chain
 * (moby daemon/images/image_history.go); a pulled, loaded or BuildKit-built image has no local
 * parent, so every row below its top says `<missing>`: the step happened elsewhere.
 */
import type { HistoryEntry } from '../../../src-shared/images-dto';
import type { EngineClient } from '../engine-client';
import { toAppError } from '../engine-errors';
import { alignHistoryToLayers, type RawHistoryEntry } from './layer-sizes';
import { isRealTag } from './map-summary';

/** `/bin/sh -c #(nop)  ENV A=1` -> `ENV A=1`; `/bin/sh -c echo` -> `RUN echo`; a commit or import says so. */
export function instructionOf(createdBy: string, comment: string): string {
  const c = createdBy.trim();
  if (c === '') return comment.startsWith('Imported from') ? '(import)' : '(unknown step)';
  const nop = /^\/bin\/sh -c #\(nop\)\s*(.*)$/s.exec(c);
  if (nop) return nop[1]!.trim();
  const run = /^\/bin\/sh -c (.*)$/s.exec(c);
  if (run) return `RUN ${run[1]!.trim()}`;
  // BuildKit writes the instruction itself (`RUN /bin/sh -c ...`, `COPY ... # buildkit`).
  if (/^[A-Z]+ /.test(c)) return c.replace(/\s*# buildkit$/, '');
  return `(commit) ${c}`;
}

export function explain(e: {
  missing: boolean;
  emptyLayer: boolean;
  instruction: string;
  isBottom: boolean;
  size: number;
}): string {
  const parts: string[] = [];
  if (e.instruction === '(import)')
    parts.push(
      'A filesystem imported from a tarball (docker import): the bottom layer, with no parent image.',
    );
  else if (e.instruction.startsWith('(commit)'))
    parts.push('A docker commit: the changes a container made, saved as a layer.');
  else if (e.emptyLayer) parts.push('A metadata step (config only): it made no filesystem layer.');
  else parts.push(`A step that made a layer of ${e.size} bytes.`);
  if (e.missing)
    parts.push(
      `<missing>: this step was built elsewhere (pulled, loaded, or built by BuildKit), so there is no local image ID for it${e.emptyLayer ? '.' : '; its layer is here all the same.'}`,
    );
  else if (e.isBottom && !e.emptyLayer && e.instruction === '(import)')
    parts.push('Its image ID is the imported image itself.');
  return parts.join(' ');
}

/** Maps the engine's history (newest first) for an image with `layerCount` layers. */
export function mapHistory(raw: readonly RawHistoryEntry[], layerCount: number): HistoryEntry[] {
  const layers = alignHistoryToLayers(raw, layerCount);
  return raw.map((h, i): HistoryEntry => {
    const missing = !h.Id || h.Id === '<missing>';
    const layerIndex = layers[i] ?? null;
    const emptyLayer = layerIndex === null;
    const instruction = instructionOf(h.CreatedBy ?? '', h.Comment ?? '');
    const size = Math.max(0, h.Size ?? 0);
    return {
      imageId: missing ? null : h.Id,
      missing,
      created: (h.Created ?? 0) * 1000,
      createdBy: h.CreatedBy ?? '',
      instruction,
      comment: h.Comment ?? '',
      tags: (h.Tags ?? []).filter(isRealTag),
      size,
      emptyLayer,
      layerIndex,
      explanation: explain({ missing, emptyLayer, instruction, isBottom: i === raw.length - 1, size }),
    };
  });
}

export async function imageHistory(docker: EngineClient, ref: string): Promise<HistoryEntry[]> {
  const image = docker.getImage(ref);
  let raw: RawHistoryEntry[];
  let layerCount: number;
  try {
    const [history, inspect] = await Promise.all([
      image.history() as Promise<RawHistoryEntry[]>,
      image.inspect() as Promise<{ RootFS?: { Layers?: string[] | null } | null }>,
    ]);
    raw = history;
    layerCount = inspect.RootFS?.Layers?.length ?? 0;
  } catch (err) {
    throw toAppError(err, `Reading the history of image ${ref}`);
  }
  return mapHistory(raw, layerCount);
}
