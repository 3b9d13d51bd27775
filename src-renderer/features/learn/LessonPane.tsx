/** One lesson: its words, the docker commands, what it needs, "Do it", what happened, and the picture. */
import { useEffect, useState } from 'react';
import { useLang } from '../../i18n/lang';
import { useMessages } from '../../i18n/messages';
import { errorMessage } from '../../ipc/client';
import { useStore } from '../../store';
import { BASE, pageUrl, WEB } from './learn-names';
import { setupOf, useLearnStore } from './learn-store';
import { NEED_FIX } from './lesson-needs';
import { LESSONS, lessonText, type Lesson, type Need } from './lessons';
import { LessonViz } from './LessonViz';
import { msg } from './messages';
import { nextLesson } from './progress';
import { SampleFacts } from './SampleFacts';

type M = typeof msg.en;

const needText = (n: Need, m: M): string =>
  ({
    engine: m.needEngine,
    'web-image': m.needImage(WEB),
    'base-image': m.needImage(BASE),
    web1: m.needWeb1,
    committed: m.needCommitted,
    v2: m.needV2,
    saved: m.needSaved,
  })[n];

function Needs({ lesson, unmet }: { lesson: Lesson; unmet: readonly Need[] }): React.JSX.Element | null {
  const m = useMessages(msg);
  const open = useLearnStore((s) => s.open);
  const loadSample = useLearnStore((s) => s.loadSampleIntoEngine);
  const refreshImages = useStore((s) => s.refreshImages);
  const [loading, setLoading] = useState<string | null>(null);
  if (unmet.length === 0) return null;
  const load = (): void => {
    setLoading(m.loadingSample);
    loadSample().then(
      () => {
        setLoading(null);
        void refreshImages();
      },
      (err: unknown) => setLoading(errorMessage(err)),
    );
  };
  return (
    <div className="learn-needs" role="note" data-testid="lesson-needs">
      <strong>{m.needs}</strong>
      <ul>
        {unmet.map((n) => {
          const fix = n === 'engine' ? null : NEED_FIX[n];
          return (
            <li key={n} data-need={n}>
              {needText(n, m)}{' '}
              {fix === 'load-sample' && (
                <button
                  type="button"
                  onClick={load}
                  disabled={loading === m.loadingSample}
                  data-testid="load-sample"
                >
                  {m.loadSample}
                </button>
              )}
              {fix && fix !== 'load-sample' && fix.lesson !== lesson.number && (
                <button type="button" onClick={() => open(LESSONS[fix.lesson - 1]!.id)}>
                  {m.goTo(fix.lesson)}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {loading && loading !== m.loadingSample && <p className="error">{loading}</p>}
    </div>
  );
}

const SERVER_LESSONS = new Set(['run-server', 'command-logs', 'commit', 'run-committed']);
/** Lessons whose server can be opened, and which of the two ports it listens on. */
const PAGE_OF: Partial<Record<Lesson['id'], 0 | 1>> = {
  'run-server': 0,
  'command-logs': 0,
  'run-committed': 1,
};

export function LessonPane({ lesson, live }: { lesson: Lesson; live: boolean }): React.JSX.Element {
  const m = useMessages(msg);
  const text = lessonText(lesson.id, useLang());
  const env = useLearnStore((s) => s.env);
  const progress = useLearnStore((s) => s.progress);
  const run = useLearnStore((s) => s.runs[lesson.id]);
  const needs = useLearnStore((s) => s.needs[lesson.id]);
  const version = useLearnStore((s) => s.version);
  const sample = useLearnStore((s) => s.sample);
  const { check, open, markRead } = useLearnStore.getState();
  const doIt = useLearnStore((s) => s.run);

  useEffect(() => {
    void check(lesson.id, live);
  }, [check, lesson.id, live, version]);

  // With no engine only that is missing: what an engine would hold is beside the point.
  const unmet = live
    ? lesson.needs.filter((n) => n !== 'engine' && needs?.[n] === false)
    : lesson.needs.filter((n) => n === 'engine');
  const checked = lesson.needs.every((n) => n === 'engine' || needs?.[n] !== undefined) || !live;
  const running = run?.status === 'running';
  const canRun = !running && checked && unmet.length === 0;
  const setup = env ? setupOf(env, progress) : null;
  const next = nextLesson(lesson.id);
  const ports = setup ? setup.ports.join(', ') : '';

  return (
    <article className="lesson" data-testid="lesson" data-lesson={lesson.id}>
      <div className="lesson-text">
        <header>
          <span className="lesson-number">
            {lesson.number} / {LESSONS.length}
          </span>
          <h3>{text.title}</h3>
        </header>
        {text.body.map((p) => (
          <p key={p}>{p}</p>
        ))}
        {setup && (
          <>
            <h4>{m.commands}</h4>
            <pre className="learn-commands mono" data-testid="lesson-commands">
              {lesson.commands(setup).join('\n')}
            </pre>
            {SERVER_LESSONS.has(lesson.id) && live && (
              <p className="muted small">{env?.bridge ? m.bridgeNetwork(ports) : m.hostNetwork(ports)}</p>
            )}
          </>
        )}
        <Needs lesson={lesson} unmet={unmet} />
        <div className="learn-actions">
          <button
            type="button"
            className="primary"
            data-testid="lesson-do"
            disabled={!canRun}
            onClick={() => void doIt(lesson.id)}
          >
            {running ? m.running : run?.status === 'done' ? m.again : m.doIt}
          </button>
          {next && (
            <button
              type="button"
              data-testid="lesson-next"
              onClick={() => {
                if (!live) markRead(lesson.id);
                open(next);
              }}
            >
              {m.next}
            </button>
          )}
        </div>
        {live && setup && run?.status === 'done' && PAGE_OF[lesson.id] !== undefined && (
          <p className="learn-open">
            {m.open}:{' '}
            {/* Electron opens loopback addresses in the browser (create-window's window-open handler). */}
            <a
              href={pageUrl(setup.ports[PAGE_OF[lesson.id]!])}
              target="_blank"
              rel="noreferrer"
              data-testid="lesson-page-link"
            >
              {pageUrl(setup.ports[PAGE_OF[lesson.id]!])}
            </a>
          </p>
        )}
        {run && run.steps.length > 0 && (
          <section
            className="learn-output"
            aria-label={m.output}
            data-testid="lesson-output"
            data-status={run.status}
          >
            <h4>{m.output}</h4>
            <ol>
              {run.steps.map((s, i) => (
                <li key={i} data-ok={s.ok} data-testid="lesson-step">
                  <code className="step-command">$ {s.command}</code>
                  {s.output && <pre className="mono">{s.output}</pre>}
                </li>
              ))}
            </ol>
          </section>
        )}
        {!live && sample.status === 'ready' && <SampleFacts analysis={sample.analysis} />}
      </div>
      <LessonViz lesson={lesson} live={live} />
    </article>
  );
}
