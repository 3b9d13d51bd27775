/**
 * A container's state in the UI language. The engine answers with English words (`running`,
 * `exited`, ...); the table shows them translated, and the engine's own status line stays in the
 * tooltip. A word this catalog does not know is shown as the engine gave it.
 */
import { defineMessages } from '../../i18n/messages';

export const stateMsg = defineMessages({
  en: {
    created: 'created',
    running: 'running',
    paused: 'paused',
    restarting: 'restarting',
    removing: 'removing',
    exited: 'exited',
    dead: 'dead',
  },
  zh: {
    created: '已创建',
    running: '运行中',
    paused: '已暂停',
    restarting: '重启中',
    removing: '删除中',
    exited: '已退出',
    dead: '已失效',
  },
});

export type StateWords = typeof stateMsg.en;

export function stateWord(state: string, words: StateWords): string {
  return Object.hasOwn(words, state) ? words[state as keyof StateWords] : state;
}
