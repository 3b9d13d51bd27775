import { useEffect } from 'react';
import { subscribe } from './ipc/client';
import { EngineBar } from './features/engine/EngineBar';
import { ImageList } from './features/images/ImageList';
import { useStore } from './store';

export function App(): React.JSX.Element {
  const refreshEngine = useStore((s) => s.refreshEngine);
  const refreshImages = useStore((s) => s.refreshImages);

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
      <main>
        <ImageList />
      </main>
    </div>
  );
}
