import { useCallback, useEffect, useState, type ComponentType } from 'react';
import { subscribe } from './ipc/client';
import { ArchiveView } from './features/archives/ArchiveView';
import { useArchiveDrop } from './features/archives/useArchiveDrop';
import { EngineBar } from './features/engine/EngineBar';
import { ImageList } from './features/images/ImageList';
import { installShortcuts } from './shortcuts';
import { useStore } from './store';
import './app-shell.css';

declare global {
  interface ImportMeta {
    /** Vite's build-time glob import (typed here: the web tsconfig loads no vite types). */
    glob<T>(pattern: string, options: { eager: true }): Record<string, T>;
  }
}

/**
 * Views other features provide. Found at build time, so the shell builds before they exist and
 * picks them up when they land: `GraphView` / `ContainersView` (named or default export).
 */
type ViewModule = Record<string, ComponentType | undefined>;
const optionalViews = {
  ...import.meta.glob<ViewModule>('./features/graph/GraphView.tsx', { eager: true }),
  ...import.meta.glob<ViewModule>('./features/containers/ContainersView.tsx', { eager: true }),
  ...import.meta.glob<ViewModule>('./features/compare/CompareView.tsx', { eager: true }),
};
function optionalView(path: string, name: string): ComponentType | null {
  const mod = optionalViews[path];
  return mod?.[name] ?? mod?.['default'] ?? null;
}
const GraphView = optionalView('./features/graph/GraphView.tsx', 'GraphView');
const ContainersView = optionalView('./features/containers/ContainersView.tsx', 'ContainersView');
const CompareView = optionalView('./features/compare/CompareView.tsx', 'CompareView');

type View = 'images' | 'archive' | 'graph' | 'containers' | 'compare';
const NAV: { id: View; label: string }[] = [
  { id: 'images', label: 'Images' },
  { id: 'archive', label: 'Archive' },
  { id: 'graph', label: 'Graph' },
  { id: 'containers', label: 'Containers' },
  { id: 'compare', label: 'Compare' },
];

function Placeholder({ what }: { what: string }): React.JSX.Element {
  return <p className="placeholder">The {what} view is coming.</p>;
}

export function App(): React.JSX.Element {
  const refreshEngine = useStore((s) => s.refreshEngine);
  const refreshImages = useStore((s) => s.refreshImages);
  const [view, setView] = useState<View>('images');
  const showArchive = useCallback(() => setView('archive'), []);
  const dragging = useArchiveDrop(showArchive);
  useEffect(() => installShortcuts({ onOpenArchive: showArchive }), [showArchive]);

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
        <nav className="shell-nav" aria-label="Views">
          {NAV.map((n) => (
            <button
              key={n.id}
              type="button"
              aria-current={view === n.id ? 'page' : undefined}
              data-testid={`nav-${n.id}`}
              onClick={() => setView(n.id)}
            >
              {n.label}
            </button>
          ))}
        </nav>
        <main>
          {view === 'images' && <ImageList />}
          {view === 'archive' && <ArchiveView />}
          {view === 'graph' && (GraphView ? <GraphView /> : <Placeholder what="graph" />)}
          {view === 'containers' && (ContainersView ? <ContainersView /> : <Placeholder what="containers" />)}
          {view === 'compare' && (CompareView ? <CompareView /> : <Placeholder what="compare" />)}
        </main>
      </div>
      {dragging && (
        <div className="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
          Drop an image archive to open it
        </div>
      )}
    </div>
  );
}
