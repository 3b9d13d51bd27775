import { describe, expect, it } from 'vitest';
import type { ContainerDetail } from '../../../src-shared/containers-dto';
import { stateMsg } from './state-words';
import { durationText, statusLine, statusMsg } from './status-line';

const state = (s: Partial<ContainerDetail['state']>): ContainerDetail['state'] => ({
  status: 'running',
  running: true,
  paused: false,
  restarting: false,
  oomKilled: false,
  exitCode: 0,
  pid: 1,
  error: '',
  startedAt: 0,
  finishedAt: null,
  ...s,
});

describe("a container's status line", () => {
  it('counts how long it has been up, to now', () => {
    expect(statusLine(state({ startedAt: 1_000 }), 46_000, statusMsg.en, stateMsg.en)).toBe('up 45 s');
    expect(statusLine(state({ startedAt: 0 }), 3 * 3600_000, statusMsg.zh, stateMsg.zh)).toBe(
      '已运行 3 小时',
    );
  });
  it('says when and with which code it exited', () => {
    const exited = state({ status: 'exited', running: false, exitCode: 137, finishedAt: 0 });
    expect(statusLine(exited, 5 * 60_000, statusMsg.en, stateMsg.en)).toBe('exited with code 137, 5 min ago');
    expect(statusLine(exited, 5 * 60_000, statusMsg.zh, stateMsg.zh)).toBe('5 分钟前退出，退出码 137');
  });
  it('is the state word otherwise (paused, created...)', () => {
    expect(statusLine(state({ status: 'paused', paused: true }), 0, statusMsg.zh, stateMsg.zh)).toBe(
      '已暂停',
    );
    expect(
      statusLine(state({ status: 'created', running: false, startedAt: null }), 0, statusMsg.en, stateMsg.en),
    ).toBe('created');
  });
  it('durations in s, min, h, d', () => {
    expect([59_999, 60_000, 3_600_000, 90_000_000].map((ms) => durationText(ms, statusMsg.en))).toEqual([
      '59 s',
      '1 min',
      '1 h',
      '1 d',
    ]);
  });
});
