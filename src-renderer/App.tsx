import { useCallback, useEffect, useState } from 'react';
import { subscribe } from './ipc/client';
import { ArchiveView } from './features/archives/ArchiveView';
import { useArchiveDrop } from './features/archives/useArchiveDrop';
import { EngineBar } from './features/engine/EngineBar';
import { ImageList } from './features/images/ImageList';
import { GraphView } from './features/graph/GraphView';
import { ContainersView } from './features/containers/ContainersView';
import { CompareView } from './features/compare/CompareView';
import { LearnView } from './features/learn/LearnView';
import { useLearnWhenNoEngine } from './features/learn/use-first-view';
import { defineMessages, useMessages } from './i18n/messages';
import { onShowView } from './navigation';
import { installShortcuts } from './shortcuts';
import { useStore } from './store';
import './app-shell.css';

type View = 'learn' | 'images' | 'archive' | 'graph' | 'containers' | 'compare';
const NAV: View[] = ['learn', 'images', 'archive', 'graph', 'containers', 'compare'];

const msg = defineMessages({
  en: {
    learn: 'Learn',
    images: 'Images',
    archive: 'Archive',
    graph: 'Graph',
    containers: 'Containers',
    compare: 'Compare',
    views: 'Views',
    drop: 'Drop an image archive to open it',
  },
  zh: {
    learn: '学习',
    images: '镜像',
    archive: '归档文件',
    graph: '标签图',
    containers: '容器',
    compare: '对比',
    views: '视图',
    drop: '拖放镜像归档文件以打开',
  },
});

export function App(): React.JSX.Element {
  const refreshEngine = useStore((s) => s.refreshEngine);
  const refreshImages = useStore((s) => s.refreshImages);
  const m = useMessages(msg);
  const [view, setView] = useState<View>('images');
  const showArchive = useCallback(() => setView('archive'), []);
  const dragging = useArchiveDrop(showArchive);
  useLearnWhenNoEngine(useCallback(() => setView('learn'), []));
  useEffect(() => installShortcuts({ onOpenArchive: showArchive }), [showArchive]);
  useEffect(
    () =>
      onShowView((v) => {
        if (NAV.includes(v as View)) setView(v as View);
      }),
    [],
  );

  useEffect(() => {
    void refreshEngine();
    void refreshImages();
    return subscribe('engineStatus', () => {
      void refreshEngine();
      void refreshImages();
    });
  }, [refreshEngine, refreshImages]);

  return (
    <div className="app">
      <EngineBar />
      <div className="shell">
        <nav className="shell-nav" aria-label={m.views}>
          {NAV.map((n) => (
            <button
              key={n}
              type="button"
              aria-current={view === n ? 'page' : undefined}
              data-testid={`nav-${n}`}
              onClick={() => setView(n)}
            >
              {m[n]}
            </button>
          ))}
        </nav>
        <main>
          {view === 'learn' && <LearnView />}
          {view === 'images' && <ImageList />}
          {view === 'archive' && <ArchiveView />}
          {view === 'graph' && <GraphView />}
          {view === 'containers' && <ContainersView />}
          {view === 'compare' && <CompareView />}
        </main>
      </div>
      {dragging && (
        <div className="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
          {m.drop}
        </div>
      )}
    </div>
  );
}
