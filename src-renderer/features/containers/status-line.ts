/**
 * A container's status for its detail, in the UI language and counted to now: the engine's own
 * line ("Up Less than a second", "Exited (0) 5 minutes ago") is English and was only as fresh as
 * the last list refresh. From `docker inspect`'s State; anything but running or exited is its
 * state word.
 */
import type { ContainerDetail } from '../../../src-shared/containers-dto';
import { defineMessages } from '../../i18n/messages';
import { stateWord, type StateWords } from './state-words';

export const statusMsg = defineMessages({
  en: {
    upFor: (d: string) => `up ${d}`,
    exitedAgo: (code: number, ago: string) => `exited with code ${code}, ${ago}`,
    ago: (d: string) => `${d} ago`,
    s: (n: number) => `${n} s`,
    min: (n: number) => `${n} min`,
    h: (n: number) => `${n} h`,
    d: (n: number) => `${n} d`,
  },
  zh: {
    upFor: (d: string) => `已运行 ${d}`,
    exitedAgo: (code: number, ago: string) => `${ago}退出，退出码 ${code}`,
    ago: (d: string) => `${d}前`,
    s: (n: number) => `${n} 秒`,
    min: (n: number) => `${n} 分钟`,
    h: (n: number) => `${n} 小时`,
    d: (n: number) => `${n} 天`,
  },
});
type W = typeof statusMsg.en;

export function durationText(ms: number, w: W): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return w.s(s);
  if (s < 3600) return w.min(Math.floor(s / 60));
  if (s < 86400) return w.h(Math.floor(s / 3600));
  return w.d(Math.floor(s / 86400));
}

export function statusLine(st: ContainerDetail['state'], now: number, w: W, states: StateWords): string {
  if (st.running && !st.paused && !st.restarting && st.startedAt !== null)
    return w.upFor(durationText(now - st.startedAt, w));
  if (st.status === 'exited' && st.finishedAt !== null)
    return w.exitedAgo(st.exitCode, w.ago(durationText(now - st.finishedAt, w)));
  return stateWord(st.status, states);
}
