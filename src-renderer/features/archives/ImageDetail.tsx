/**
 * One analyzed image (of an opened archive, or a local image from Images > Analyze): picker,
 * summary numbers, layer stack, and the tabs beside it (files, sizes, efficiency, config).
 */
import { useState } from 'react';
import { useMessages } from '../../i18n/messages';
import { useStore } from '../../store';
import { LayerStack } from '../layers/LayerStack';
import { FileTree } from '../tree/FileTree';
import { FileViewer } from '../tree/FileViewer';
import { ArchivePickers } from './ArchivePickers';
import { ConfigHistory } from './ConfigHistory';
import { EfficiencyPanel } from './EfficiencyPanel';
import { detailMsg } from './messages';
import { SizesPanel } from './SizesPanel';
import { SummaryStrip } from './SummaryStrip';

type Tab = 'files' | 'sizes' | 'efficiency' | 'config';
const TABS: readonly Tab[] = ['files', 'sizes', 'efficiency', 'config'];

export function ImageDetail(): React.JSX.Element | null {
  const m = useMessages(detailMsg);
  const archive = useStore((s) => s.archive);
  const imageId = useStore((s) => s.selectedImageId);
  const selectedLayer = useStore((s) => s.selectedLayer);
  const selectLayer = useStore((s) => s.selectLayer);
  const [tab, setTab] = useState<Tab>('files');
  if (archive.status !== 'ready') return null;
  const analysis = archive.analysis;
  const image = analysis.images.find((i) => i.id === imageId);
  return (
    <div className="image-detail" data-testid="image-detail">
      <ArchivePickers analysis={analysis} path={archive.path} name={archive.name} />
      {analysis.warnings.length > 0 && <p className="muted">⚠ {analysis.warnings.join(' · ')}</p>}
      {!image ? (
        <p className="muted">{m.noImage}</p>
      ) : (
        <>
          <SummaryStrip image={image} />
          <div className="detail-columns">
            <LayerStack image={image} selected={selectedLayer} onSelect={selectLayer} />
            <div className="detail-main">
              <div className="tabs" role="tablist" aria-label={m.imageDetail}>
                {TABS.map((t) => (
                  <button
                    key={t}
                    type="button"
                    role="tab"
                    id={`tab-${t}`}
                    aria-selected={tab === t}
                    aria-controls={`panel-${t}`}
                    onClick={() => setTab(t)}
                  >
                    {m[t]}
                  </button>
                ))}
                <span className="muted tab-context">
                  {m.layerLabel(selectedLayer)}{' '}
                  {image.layers[selectedLayer]?.command.slice(0, 60) || m.noCommand}
                </span>
              </div>
              <div className="tab-panel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
                {tab === 'files' && (
                  <div className="files-panel">
                    <FileTree />
                    <FileViewer />
                  </div>
                )}
                {tab === 'sizes' && <SizesPanel sessionId={archive.sessionId} image={image} />}
                {tab === 'efficiency' && <EfficiencyPanel image={image} />}
                {tab === 'config' && <ConfigHistory image={image} />}
              </div>
            </div>
          </div>
        </>
      )}
    </div>
  );
}
