/**
 * One side of a comparison: an image of the opened archive (already analyzed: the archive's
 * session) or a local engine image (analyzed on demand with analyzeLocalImage, a cancellable
 * job; its session is closed when the pick changes or the view goes).
 */
import { useEffect, useRef, useState } from 'react';
import type { ImageAnalysis } from '../../../src-shared/archive-analysis';
import { currentMessages, useMessages } from '../../i18n/messages';
import { call, errorMessage } from '../../ipc/client';
import { useStore } from '../../store';
import { compareMsg } from './messages';

/** `archive:<imageId>` or `engine:<image id or ref>`; '' for none. */
export type SourceId = string;

export type ResolvedSource =
  | { status: 'none' }
  | { status: 'loading'; label: string; cancel: () => void }
  | { status: 'error'; label: string; message: string }
  | { status: 'ready'; label: string; sessionId: string; image: ImageAnalysis };

export const imageLabel = (img: Pick<ImageAnalysis, 'repoTags' | 'id'>): string =>
  img.repoTags[0] ?? `<untagged> ${img.id.replace(/^sha256:/, '').slice(0, 12)}`;

let jobs = 0;
const newJobId = (): string => `compare-${Date.now().toString(36)}-${(jobs++).toString(36)}`;

export function useCompareSource(source: SourceId): ResolvedSource {
  const m = useMessages(compareMsg);
  const archive = useStore((s) => s.archive);
  const [engine, setEngine] = useState<{ source: SourceId; state: ResolvedSource } | null>(null);
  const running = useRef<string | null>(null);

  const [kind, ...rest] = source.split(':');
  const ref = rest.join(':');

  useEffect(() => {
    if (kind !== 'engine' || !ref) return;
    const jobId = newJobId();
    let alive = true;
    let sessionId: string | null = null;
    running.current = jobId;
    const cancel = (): void => void call('cancelJob', { jobId }).catch(() => undefined);
    call('analyzeLocalImage', { ref, jobId })
      .then((r) => {
        sessionId = r.sessionId;
        if (!alive) {
          void call('closeArchive', { sessionId }).catch(() => undefined);
          return;
        }
        const image = r.analysis.images[0];
        setEngine({
          source,
          state: image
            ? { status: 'ready', label: imageLabel(image), sessionId: r.sessionId, image }
            : { status: 'error', label: ref, message: currentMessages(compareMsg).noContent },
        });
      })
      .catch((err: unknown) => {
        if (alive) setEngine({ source, state: { status: 'error', label: ref, message: errorMessage(err) } });
      });
    return () => {
      alive = false;
      running.current = null;
      setEngine((e) => (e?.source === source ? null : e));
      if (sessionId) void call('closeArchive', { sessionId }).catch(() => undefined);
      else cancel();
    };
  }, [kind, ref, source]);

  if (kind === 'archive') {
    if (archive.status !== 'ready') return { status: 'error', label: ref, message: m.archiveClosed };
    const image = archive.analysis.images.find((i) => i.id === ref);
    if (!image) return { status: 'error', label: ref, message: m.notInArchive };
    return { status: 'ready', label: imageLabel(image), sessionId: archive.sessionId, image };
  }
  if (kind === 'engine' && ref) {
    if (engine?.source === source) return engine.state;
    const cancel = (): void => {
      const jobId = running.current;
      if (jobId) void call('cancelJob', { jobId }).catch(() => undefined);
    };
    return { status: 'loading', label: ref, cancel };
  }
  return { status: 'none' };
}
