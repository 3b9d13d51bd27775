import { describe, expect, it } from 'vitest';
import { buildCommitSpec, emptyCommitForm } from './commit-form';
import { runMsg } from './run-messages';
import { problemMsg, problemText } from './problem-messages';
import { buildRunSpec, emptyRunForm, type RunForm } from './run-form';
import { splitArgs } from './shell-words';

describe('schema and shell-word problems in the UI language', () => {
  const { en, zh } = problemMsg;

  it('maps the English wording of shell-words.ts to the catalog', () => {
    const split = splitArgs(`echo "open`);
    expect(split.ok).toBe(false);
    if (split.ok) return;
    expect(problemText(split.problem, en)).toBe(split.problem);
    expect(problemText(split.problem, zh)).toBe(zh.openDoubleQuote);
    expect(problemText('a problem no catalog knows', zh)).toBe('a problem no catalog knows');
  });

  it('words the run schema issues in Chinese and keeps the English as it was', () => {
    const form: RunForm = {
      ...emptyRunForm('busybox'),
      name: '-bad',
      command: `sh -c 'x`,
      restart: 'always',
      autoRemove: true,
    };
    expect(buildRunSpec(form).problems).toMatchObject({
      name: en.containerName,
      command: "a ' quote is not closed",
      autoRemove: 'auto-remove cannot be combined with a restart policy',
    });
    expect(buildRunSpec(form, runMsg.zh, zh).problems).toMatchObject({
      name: zh.containerName,
      command: zh.openSingleQuote,
      autoRemove: zh.autoRemoveRestart,
    });
  });

  it("words zod's own issues and the commit change rules by their kind", () => {
    const form = {
      ...emptyCommitForm(),
      reference: 'Bad:Ref',
      author: 'x'.repeat(300),
      changes: [{ instruction: 'EXPOSE' as const, value: '99999' }],
    };
    expect(buildCommitSpec('httpd', form).problems).toEqual({
      reference: 'not a repository[:tag] reference',
      author: 'Too big: expected string to have <=256 characters',
      'changes.0': 'port[/tcp|udp|sctp], port 1-65535',
    });
    expect(buildCommitSpec('httpd', form, zh).problems).toEqual({
      reference: zh.commitReference,
      author: zh.tooLong(256),
      'changes.0': zh.exposePort,
    });
  });
});
