/**
 * The Run dialog's form as plain data: turned into the run spec main validates (the same zod
 * schema, checked here first so problems show beside their field) and into the equivalent
 * `docker run ...` line, a learning aid that follows every keystroke.
 */
import { EnvEntrySchema, RunSpecSchema, type RunSpecInput } from '../../../src-shared/containers-spec';
import { messagesFor } from '../../i18n/messages';
import { runMsg } from './run-messages';
import { issueText, problemMsg, problemText, type ProblemText } from './problem-messages';
import { joinArgs, quoteArg, splitArgs } from './shell-words';

export type Protocol = 'tcp' | 'udp' | 'sctp';
export type NetworkMode = 'bridge' | 'host' | 'none';
export type RestartName = 'no' | 'always' | 'unless-stopped' | 'on-failure';

export interface PortRow {
  hostIp: string;
  hostPort: string;
  containerPort: string;
  protocol: Protocol;
}
export interface MountRow {
  kind: 'bind' | 'volume';
  /** Host path (bind) or volume name (volume). */
  source: string;
  target: string;
  readOnly: boolean;
}
export interface RunForm {
  image: string;
  name: string;
  /** Shell words; empty keeps the image's CMD. */
  command: string;
  env: string[];
  ports: PortRow[];
  networkMode: NetworkMode;
  mounts: MountRow[];
  restart: RestartName;
  retries: string;
  autoRemove: boolean;
  detach: boolean;
}

export const emptyRunForm = (image = ''): RunForm => ({
  image,
  name: '',
  command: '',
  env: [],
  ports: [],
  networkMode: 'bridge',
  mounts: [],
  restart: 'no',
  retries: '0',
  autoRemove: false,
  detach: true,
});

export const emptyPort = (): PortRow => ({ hostIp: '', hostPort: '', containerPort: '', protocol: 'tcp' });
export const emptyMount = (kind: MountRow['kind']): MountRow => ({
  kind,
  source: '',
  target: '',
  readOnly: false,
});

/** Problems keyed by field: `image`, `command`, `env.0`, `ports.1.hostPort`, `mounts.0.source`... */
export type Problems = Record<string, string>;

const portNumber = (s: string, min: number): number | null => {
  if (!/^\d{1,5}$/.test(s.trim())) return null;
  const n = Number(s.trim());
  return n >= min && n <= 65535 ? n : null;
};

/** Where a schema issue belongs in the form (binds and volumes share the mount rows). */
function issueField(path: readonly PropertyKey[], form: RunForm): string {
  const [head, index, field] = path.map(String);
  if ((head === 'binds' || head === 'volumes') && index !== undefined) {
    const kind = head === 'binds' ? 'bind' : 'volume';
    const rows = form.mounts.map((m, i) => ({ m, i })).filter(({ m }) => m.kind === kind);
    const row = rows[Number(index)]?.i ?? 0;
    const col = field === 'containerPath' ? 'target' : 'source';
    return `mounts.${row}.${col}`;
  }
  if (head === 'restartPolicy') return 'restart';
  return [head, index, field].filter((p) => p !== undefined).join('.');
}

export interface BuiltRun {
  spec: RunSpecInput;
  problems: Problems;
}

/** How the form's own problems are worded (the run catalog in the UI language; English by default). */
export type ProblemWords = Pick<
  typeof runMsg.en,
  'problemEnv' | 'problemContainerPort' | 'problemHostPort' | 'problemRetries' | 'problemImage'
>;

export function buildRunSpec(
  form: RunForm,
  w: ProblemWords = messagesFor(runMsg, 'en'),
  p: ProblemText = messagesFor(problemMsg, 'en'),
): BuiltRun {
  const problems: Problems = {};
  const spec: RunSpecInput = {
    image: form.image.trim(),
    networkMode: form.networkMode,
    autoRemove: form.autoRemove,
    detach: form.detach,
  };
  if (form.name.trim()) spec.name = form.name.trim();
  if (form.command.trim()) {
    const split = splitArgs(form.command);
    if (split.ok) spec.command = split.args;
    else problems['command'] = problemText(split.problem, p);
  }
  spec.env = form.env.filter((e) => e.trim() !== '');
  form.env.forEach((e, i) => {
    if (e.trim() !== '' && !EnvEntrySchema.safeParse(e).success) problems[`env.${i}`] = w.problemEnv;
  });
  spec.ports = [];
  form.ports.forEach((p, i) => {
    const containerPort = portNumber(p.containerPort, 1);
    const hostPort = p.hostPort.trim() === '' ? 0 : portNumber(p.hostPort, 0);
    if (containerPort === null) problems[`ports.${i}.containerPort`] = w.problemContainerPort;
    if (hostPort === null) problems[`ports.${i}.hostPort`] = w.problemHostPort;
    if (containerPort !== null && hostPort !== null) {
      spec.ports!.push({ containerPort, hostPort, hostIp: p.hostIp.trim(), protocol: p.protocol });
    }
  });
  spec.binds = form.mounts
    .filter((m) => m.kind === 'bind')
    .map((m) => ({ hostPath: m.source.trim(), containerPath: m.target.trim(), readOnly: m.readOnly }));
  spec.volumes = form.mounts
    .filter((m) => m.kind === 'volume')
    .map((m) => ({ name: m.source.trim(), containerPath: m.target.trim(), readOnly: m.readOnly }));
  const retries = form.restart === 'on-failure' ? Number(form.retries || '0') : 0;
  if (form.restart === 'on-failure' && !/^\d{1,5}$/.test(form.retries || '0'))
    problems['restart'] = w.problemRetries;
  spec.restartPolicy = { name: form.restart, maximumRetryCount: Number.isFinite(retries) ? retries : 0 };

  const parsed = RunSpecSchema.safeParse(spec);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issueField(issue.path, form);
      problems[key] ??= issueText(issue, p);
    }
  }
  if (spec.image === '') problems['image'] = w.problemImage;
  return { spec, problems };
}

/** How the notes are worded (the run catalog in the UI language; English by default). */
export type NoteWords = Pick<typeof runMsg.en, 'noteNoPorts' | 'noteAttached' | 'noteRm'>;

/** Learner-facing notes about a spec that is valid but may not do what they expect. */
export function runNotes(form: RunForm, w: NoteWords = messagesFor(runMsg, 'en')): string[] {
  const notes: string[] = [];
  if (form.ports.length > 0 && form.networkMode !== 'bridge') notes.push(w.noteNoPorts(form.networkMode));
  if (!form.detach) notes.push(w.noteAttached);
  if (form.autoRemove) notes.push(w.noteRm);
  return notes;
}

function portFlag(p: PortRow): string {
  const proto = p.protocol === 'tcp' ? '' : `/${p.protocol}`;
  const container = `${p.containerPort.trim() || '?'}${proto}`;
  const host = p.hostPort.trim();
  const ip = p.hostIp.trim();
  const hostIp = ip.includes(':') ? `[${ip}]` : ip;
  if (ip) return `${hostIp}:${host}:${container}`;
  return host ? `${host}:${container}` : container;
}

/** The `docker run` line that would do the same, quoted for a POSIX shell. */
export function dockerRunLine(form: RunForm): string {
  const parts: string[] = ['docker', 'run'];
  if (form.detach) parts.push('-d');
  if (form.name.trim()) parts.push('--name', quoteArg(form.name.trim()));
  if (form.autoRemove) parts.push('--rm');
  if (form.restart !== 'no') {
    const retries = form.restart === 'on-failure' && form.retries.trim() && form.retries.trim() !== '0';
    parts.push('--restart', retries ? `on-failure:${form.retries.trim()}` : form.restart);
  }
  if (form.networkMode !== 'bridge') parts.push('--network', form.networkMode);
  for (const e of form.env) if (e.trim()) parts.push('-e', quoteArg(e));
  for (const p of form.ports) parts.push('-p', quoteArg(portFlag(p)));
  for (const m of form.mounts) {
    const v = `${m.source.trim() || '?'}:${m.target.trim() || '?'}${m.readOnly ? ':ro' : ''}`;
    parts.push('-v', quoteArg(v));
  }
  parts.push(quoteArg(form.image.trim() || 'IMAGE'));
  if (form.command.trim()) {
    const split = splitArgs(form.command);
    parts.push(split.ok ? joinArgs(split.args) : form.command.trim());
  }
  return parts.join(' ');
}
