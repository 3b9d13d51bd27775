/** The Commit dialog's form: the commit spec (checked with main's own schema) and its `docker commit` line. */
import {
  COMMIT_INSTRUCTIONS,
  CommitSpecSchema,
  commitChangeProblem,
  type CommitInstruction,
  type CommitSpecInput,
} from '../../../src-shared/containers-spec';
import { messagesFor } from '../../i18n/messages';
import { issueText, problemMsg, problemText, type ProblemText } from './problem-messages';
import { quoteArg } from './shell-words';

export interface ChangeRow {
  instruction: CommitInstruction;
  value: string;
}
export interface CommitForm {
  reference: string;
  message: string;
  author: string;
  pause: boolean;
  changes: ChangeRow[];
}

export const emptyCommitForm = (): CommitForm => ({
  reference: '',
  message: '',
  author: '',
  pause: true,
  changes: [],
});

export { COMMIT_INSTRUCTIONS };

export function buildCommitSpec(
  container: string,
  form: CommitForm,
  p: ProblemText = messagesFor(problemMsg, 'en'),
): { spec: CommitSpecInput; problems: Record<string, string> } {
  const problems: Record<string, string> = {};
  const spec: CommitSpecInput = {
    container,
    message: form.message,
    author: form.author.trim(),
    pause: form.pause,
    changes: form.changes.map((c) => ({ instruction: c.instruction, value: c.value.trim() })),
  };
  if (form.reference.trim()) spec.reference = form.reference.trim();
  form.changes.forEach((c, i) => {
    const problem = commitChangeProblem(c.instruction, c.value.trim());
    if (problem) problems[`changes.${i}`] = problemText(problem, p);
  });
  const parsed = CommitSpecSchema.safeParse(spec);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head, index] = issue.path.map(String);
      const key = head === 'changes' && index !== undefined ? `changes.${index}` : (head ?? 'form');
      problems[key] ??= issueText(issue, p);
    }
  }
  return { spec, problems };
}

export function dockerCommitLine(container: string, form: CommitForm): string {
  const parts = ['docker', 'commit'];
  if (!form.pause) parts.push('--pause=false');
  else parts.push('-p');
  if (form.message) parts.push('-m', quoteArg(form.message));
  if (form.author.trim()) parts.push('-a', quoteArg(form.author.trim()));
  for (const c of form.changes) parts.push('-c', quoteArg(`${c.instruction} ${c.value.trim()}`));
  parts.push(quoteArg(container));
  if (form.reference.trim()) parts.push(quoteArg(form.reference.trim()));
  return parts.join(' ');
}
