import { describe, expect, it } from 'vitest';
import { stateMsg, stateWord } from './state-words';

describe('container states in the UI language', () => {
  it("translates every state the engine reports, and keeps English the engine's word", () => {
    for (const s of ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead']) {
      expect(stateWord(s, stateMsg.en)).toBe(s);
      expect(stateWord(s, stateMsg.zh)).toMatch(/^\p{Script=Han}+$/u);
    }
    expect(stateWord('exited', stateMsg.zh)).toBe('已退出');
    expect(stateWord('running', stateMsg.zh)).toBe('运行中');
  });
  it('shows a state it does not know as the engine gave it (no "undefined", no prototype keys)', () => {
    expect(stateWord('hibernating', stateMsg.zh)).toBe('hibernating');
    expect(stateWord('toString', stateMsg.zh)).toBe('toString');
  });
});
