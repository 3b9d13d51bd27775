/** The Learn section: the tutorial's lessons in order, progress kept across restarts, one lesson open. */
import { useEffect } from 'react';
import { useLang } from '../../i18n/lang';
import { useMessages } from '../../i18n/messages';
import { useStore } from '../../store';
import { useLearnStore } from './learn-store';
import { LessonCleanup } from './LessonCleanup';
import { LESSONS, lessonById, lessonText } from './lessons';
import { LessonPane } from './LessonPane';
import { msg } from './messages';
import './learn.css';

export function LearnView(): React.JSX.Element {
  const m = useMessages(msg);
  const lang = useLang();
  const live = useStore((s) => s.engine.status === 'connected');
  const progress = useLearnStore((s) => s.progress);
  const env = useLearnStore((s) => s.env);
  const { open, refreshEnv, loadSample, reset } = useLearnStore.getState();

  useEffect(() => {
    void refreshEnv();
  }, [refreshEnv, live]);
  useEffect(() => {
    if (!live) void loadSample();
  }, [live, loadSample]);

  return (
    <section
      className="learn-view"
      aria-label={m.title}
      data-testid="learn-view"
      data-mode={live ? 'live' : 'samples'}
    >
      <nav className="learn-list" aria-label={m.lessons}>
        <h2>{m.title}</h2>
        <p className="muted small">{m.intro}</p>
        <p className="learn-progress" data-testid="learn-progress">
          {m.progress(progress.done.length, LESSONS.length)}
        </p>
        <ol>
          {LESSONS.map((l) => {
            const done = progress.done.includes(l.id);
            return (
              <li key={l.id}>
                <button
                  type="button"
                  data-testid={`lesson-${l.id}`}
                  data-done={done || undefined}
                  aria-current={progress.current === l.id ? 'step' : undefined}
                  onClick={() => open(l.id)}
                >
                  <span className="lesson-n">{l.number}</span>
                  <span>{lessonText(l.id, lang).title}</span>
                  {done && (
                    <span className="lesson-done" aria-label={m.doneMark}>
                      ✓
                    </span>
                  )}
                </button>
              </li>
            );
          })}
        </ol>
        <button type="button" className="learn-reset" data-testid="learn-reset" onClick={reset}>
          {m.startOver}
        </button>
        <LessonCleanup />
      </nav>
      <div className="learn-main">
        <p className={`learn-mode ${live ? 'mode-live' : 'mode-samples'}`} data-testid="learn-mode">
          {live ? m.live : env && !env.sample ? m.noSample : m.samples}
        </p>
        <LessonPane lesson={lessonById(progress.current)} live={live} />
      </div>
    </section>
  );
}
