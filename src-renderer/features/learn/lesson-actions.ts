/**
 * What each lesson's "Do it" performs against the connected engine, step by step through the
 * same channels the rest of the window uses. Every step reports the docker command it stands for
 * and what the engine answered; the first failing step stops the lesson.
 */
import { call } from '../../ipc/client';
import {
  execText,
  fetchPage,
  learnJobId,
  pageText,
  removeOwn,
  saveRepository,
  step,
  type Emit,
  type Keep,
} from './lesson-steps';
import {
  BASE,
  committedCmd,
  HTTPD,
  HTTPD2,
  httpdArgv,
  INDEX_HTML,
  LATEST,
  pageUrl,
  REPO,
  serverNetwork,
  TMP1,
  V1,
  V2,
  WEB,
  WEB1,
  shortId,
  type LessonSetup,
} from './learn-names';
import { lessonById, REFERENCE_EXAMPLES, type LessonId } from './lessons';

async function runServer(
  emit: Emit,
  s: LessonSetup,
  name: string,
  image: string,
  port: number,
  cmd?: string[],
) {
  await removeOwn(name);
  const [command] = commandsOf(name === WEB1 ? 'run-server' : 'run-committed', s);
  return step(
    emit,
    command!,
    () =>
      call('runContainer', {
        image,
        name,
        detach: true,
        ...serverNetwork(s, port),
        ...(cmd ? { command: cmd } : {}),
      }),
    (r) => [r.id, ...r.warnings].join('\n'),
  );
}

const commandsOf = (id: LessonId, s: LessonSetup): string[] => lessonById(id).commands(s);

type Performer = (emit: Emit, s: LessonSetup, keep: Keep) => Promise<unknown>;

const PERFORM: Record<LessonId, Performer> = {
  'run-server': async (emit, s) => {
    await runServer(emit, s, WEB1, WEB, s.ports[0], s.bridge ? undefined : httpdArgv(s.ports[0]));
  },
  'command-logs': async (emit, s) => {
    const [ls, curl, logs] = commandsOf('command-logs', s);
    await step(
      emit,
      ls!,
      () => call('listContainers'),
      (list) => list.find((c) => c.name === WEB1)?.command ?? '(not listed)',
    );
    await step(emit, curl!, () => fetchPage(pageUrl(s.ports[0])), pageText);
    await new Promise((r) => setTimeout(r, 300)); // the engine flushes the log line
    await step(
      emit,
      logs!,
      () => call('containerLogs', { id: WEB1 }),
      (r) => r.lines.map((l) => l.text).join('\n'),
    );
  },
  exec: async (emit, s) => {
    const cmds = [['ps'], ['date'], ['netstat', '-tnl']];
    const shown = commandsOf('exec', s);
    for (const [i, cmd] of cmds.entries())
      await step(emit, shown[i]!, () => call('execInContainer', { id: WEB1, cmd }), execText);
  },
  'layer-stack': async (emit, s) => {
    const [info, history] = commandsOf('layer-stack', s);
    await step(
      emit,
      info!,
      () => call('getEngineInfo'),
      (i) =>
        [`Storage Driver: ${i.storageDriver}`, ...i.driverStatus.map(([k, v]) => ` ${k}: ${v}`)].join('\n'),
    );
    await step(
      emit,
      history!,
      () => call('imageHistory', { ref: WEB }),
      (h) => h.map((e) => `${e.instruction || e.createdBy || '(no command)'}  ${e.size} B`).join('\n'),
    );
  },
  'base-image': async (emit, s) => {
    const [ls, run] = commandsOf('base-image', s);
    await step(
      emit,
      ls!,
      () => call('inspectImage', { ref: BASE }),
      (d) => `${BASE}  ${d.id.slice(7, 19)}  ${d.size} B`,
    );
    await step(
      emit,
      run!,
      () =>
        call('runContainer', {
          image: BASE,
          command: ['ls', '/'],
          networkMode: 'none',
          detach: false,
          autoRemove: true,
        }),
      (r) => (r.exit ? execText(r.exit) : r.id),
    );
  },
  names: async (emit) => {
    for (const ref of REFERENCE_EXAMPLES)
      await step(
        emit,
        ref,
        () => call('parseReference', { ref }),
        (r) =>
          r.reference
            ? `registry ${r.reference.registry} · repository ${r.reference.repository} · tag ${r.reference.tag ?? '—'}${r.reference.digest ? ` · digest ${r.reference.digest.slice(0, 19)}…` : ''}`
            : (r.problem ?? ''),
      );
  },
  env: async (emit, s) => {
    const [run] = commandsOf('env', s);
    await step(
      emit,
      run!,
      () =>
        call('runContainer', {
          image: BASE,
          command: ['sh', '-c', 'echo "$GREETING, $WHO"; env'],
          env: ['GREETING=hello', 'WHO=learner'],
          networkMode: 'none',
          detach: false,
          autoRemove: true,
        }),
      (r) => (r.exit ? execText(r.exit) : r.id),
    );
  },
  commit: async (emit, s, keep) => {
    const [run, exec, commit1, commit2] = commandsOf('commit', s);
    await removeOwn(HTTPD);
    await step(
      emit,
      run!,
      () => call('runContainer', { image: BASE, name: HTTPD, tty: true, networkMode: 'none', detach: true }),
      (r) => r.id,
    );
    await step(
      emit,
      exec!,
      () =>
        call('execInContainer', {
          id: HTTPD,
          cmd: ['sh', '-c', `echo '${INDEX_HTML}' > /var/www/index.html`],
        }),
      execText,
    );
    const first = await step(
      emit,
      commit1!,
      () => call('commitContainer', { container: HTTPD, pause: true }),
      (r) => r.imageId,
    );
    // Kept at once for the clean-up (a later step may fail); so is v2's, which the next run leaves unnamed.
    keep({ committed: first.imageId, unnamed: true });
    const second = await step(
      emit,
      commit2!,
      () =>
        call('commitContainer', {
          container: HTTPD,
          reference: V2,
          pause: true,
          changes: [{ instruction: 'CMD', value: JSON.stringify(committedCmd(s)) }],
        }),
      (r) => r.imageId,
    );
    keep({ committed: second.imageId, unnamed: false });
  },
  tags: async (emit, s) => {
    const [ls, tag1, tag2, tag3, rm] = commandsOf('tags', s);
    await step(
      emit,
      ls!,
      () => call('listImages'),
      (list) =>
        list
          .map((i) => `${i.repoTags.length ? i.repoTags.join(', ') : '<none>:<none>'}  ${i.id.slice(7, 19)}`)
          .join('\n'),
    );
    const tagged = (r: { reference: string; imageId: string }): string =>
      `${r.reference} → ${shortId(r.imageId)}`;
    const steps: [string, string, string][] = [
      [tag1!, s.committedId!, 'v1'],
      [tag2!, V1, 'latest'],
      [tag3!, V1, 'tmp1'],
    ];
    for (const [shown, ref, tag] of steps)
      await step(emit, shown, () => call('tagImage', { ref, repo: REPO, tag }), tagged);
    await step(
      emit,
      rm!,
      () => call('untagImage', { ref: TMP1 }),
      (r) =>
        [
          ...r.untagged.map((t) => `Untagged: ${t}`),
          ...r.deleted.map((d) => `Deleted: ${d}`),
          r.imageRemains ? '(the image remains)' : '',
        ].join('\n'),
    );
  },
  'inspect-cmd': async (emit, s) => {
    const shown = commandsOf('inspect-cmd', s);
    for (const [i, ref] of [BASE, V1, V2].entries())
      await step(
        emit,
        shown[i]!,
        () => call('inspectImage', { ref }),
        (d) => JSON.stringify(d.config.cmd),
      );
  },
  'run-committed': async (emit, s) => {
    await runServer(emit, s, HTTPD2, V2, s.ports[1]);
    await step(emit, commandsOf('run-committed', s)[1]!, () => fetchPage(pageUrl(s.ports[1])), pageText);
  },
  save: async (emit, s, keep) => {
    const [plain, gz, list] = commandsOf('save', s);
    const save = (destPath: string, gzip: boolean) => () => saveRepository(REPO, destPath, gzip, keep);
    const saved = (r: { bytes: number; images: string[] }) => `${r.images.join(', ')}: ${r.bytes} bytes`;
    await step(emit, plain!, save(s.saveTargets.tar, false), saved);
    await step(emit, gz!, save(s.saveTargets.tarGz, true), saved);
    await step(
      emit,
      list!,
      () => call('archiveStructure', { path: s.saveTargets.tar }),
      (r) =>
        r.members
          .map(
            (m) =>
              `${m.kind === 'dir' ? 'd' : m.kind === 'symlink' ? 'l' : '-'} ${String(m.size).padStart(9)} ${m.path}${m.linkTarget ? ` -> ${m.linkTarget}` : ''}`,
          )
          .join('\n'),
    );
  },
  load: async (emit, s) => {
    const [rmc, rmi, load] = commandsOf('load', s);
    await step(
      emit,
      rmc!,
      () => removeOwn(HTTPD2),
      () => HTTPD2,
    );
    await step(
      emit,
      rmi!,
      async () => {
        const out: string[] = [];
        for (const ref of [V1, LATEST, V2]) {
          const r = await call('untagImage', { ref }).catch(() => null);
          if (r)
            out.push(...r.untagged.map((t) => `Untagged: ${t}`), ...r.deleted.map((d) => `Deleted: ${d}`));
        }
        return out;
      },
      (out) => out.join('\n'),
    );
    await step(
      emit,
      load!,
      () => call('loadImages', { path: s.saveTargets.tarGz, jobId: learnJobId('load') }),
      (r) => r.loaded.map((t) => `Loaded image: ${t}`).join('\n'),
    );
  },
};

export async function performLesson(id: LessonId, s: LessonSetup, emit: Emit, keep: Keep): Promise<void> {
  await PERFORM[id](emit, s, keep);
}
