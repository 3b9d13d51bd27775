/** One analyzed image of the open archive: picker, summary numbers, layer stack, and the tabs beside it. */
import { useState } from 'react';
import type { ArchiveAnalysis, ImageAnalysis } from '../../../src-shared/archive-analysis';
import { useStore } from '../../store';
import { LayerStack } from '../layers/LayerStack';
import { formatPercent } from '../layers/layer-stack';
import { FileTree } from '../tree/FileTree';
import { FileViewer } from '../tree/FileViewer';
import { formatBytes } from '../tree/file-format';
import { ConfigHistory } from './ConfigHistory';
import { EfficiencyPanel } from './EfficiencyPanel';

type Tab = 'files' | 'efficiency' | 'config';
const TABS: { id: Tab; label: string }[] = [
  { id: 'files', label: 'Files' },
  { id: 'efficiency', label: 'Efficiency' },
  { id: 'config', label: 'Config & history' },
];

const imageLabel = (img: ImageAnalysis): string =>
  img.repoTags[0] ?? `<untagged> ${img.id.replace(/^sha256:/, '').slice(0, 12)}`;

export function ImageDetail(): React.JSX.Element | null {
  const archive = useStore((s) => s.archive);
  const imageId = useStore((s) => s.selectedImageId);
  const selectedLayer = useStore((s) => s.selectedLayer);
  const selectLayer = useStore((s) => s.selectLayer);
  const [tab, setTab] = useState<Tab>('files');
  if (archive.status !== 'ready') return null;
  const analysis = archive.analysis;
  const image = analysis.images.find((i) => i.id === imageId);
  return (
    <div className="image-detail">
      <ArchivePickers analysis={analysis} path={archive.path} name={archive.name} />
      {analysis.warnings.length > 0 && <p className="muted">⚠ {analysis.warnings.join(' · ')}</p>}
      {!image ? (
        <p className="muted">This archive holds no image.</p>
      ) : (
        <>
          <SummaryStrip image={image} />
          <div className="detail-columns">
            <LayerStack image={image} selected={selectedLayer} onSelect={selectLayer} />
            <div className="detail-main">
              <div className="tabs" role="tablist" aria-label="Image detail">
                {TABS.map((t) => (
                  <button
                    key={t.id}
                    type="button"
                    role="tab"
                    id={`tab-${t.id}`}
                    aria-selected={tab === t.id}
                    aria-controls={`panel-${t.id}`}
                    onClick={() => setTab(t.id)}
                  >
                    {t.label}
                  </button>
                ))}
                <span className="muted tab-context">
                  layer #{selectedLayer}:{' '}
                  {image.layers[selectedLayer]?.command.slice(0, 60) || '(no command)'}
                </span>
              </div>
              <div className="tab-panel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
                {tab === 'files' && (
                  <div className="files-panel">
                    <FileTree />
                    <FileViewer />
                  </div>
                )}
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

/** Several images in one archive: pick one by tag. Several platforms: reopen with another. */
function ArchivePickers({
  analysis,
  path,
  name,
}: {
  analysis: ArchiveAnalysis;
  path: string;
  name: string;
}): React.JSX.Element | null {
  const imageId = useStore((s) => s.selectedImageId);
  const platform = useStore((s) => s.archivePlatform);
  const selectImage = useStore((s) => s.selectImage);
  const openArchive = useStore((s) => s.openArchive);
  if (analysis.images.length < 2 && analysis.platforms.length < 2) return null;
  return (
    <div className="pickers">
      {analysis.images.length > 1 && (
        <div
          className="image-picker"
          role="radiogroup"
          aria-label={`Images in this archive (${analysis.images.length})`}
        >
          <span className="muted">{analysis.images.length} images:</span>
          {analysis.images.map((img) => (
            <button
              key={img.id}
              type="button"
              role="radio"
              aria-checked={img.id === imageId}
              data-testid="image-choice"
              title={[...img.repoTags, img.id].join('\n')}
              onClick={() => selectImage(img.id)}
            >
              {imageLabel(img)}
              {img.repoTags.length > 1 && <span className="muted"> +{img.repoTags.length - 1}</span>}
            </button>
          ))}
        </div>
      )}
      {analysis.platforms.length > 1 && (
        <div className="image-picker" role="radiogroup" aria-label="Platforms in this index">
          <span className="muted">platforms:</span>
          {analysis.platforms.map((p) => {
            const current = platform === p || (!platform && analysis.images[0]?.platform === p);
            return (
              <button
                key={p}
                type="button"
                role="radio"
                aria-checked={current}
                onClick={() => void openArchive(path, name, p)}
              >
                {p}
              </button>
            );
          })}
        </div>
      )}
    </div>
  );
}

function SummaryStrip({ image }: { image: ImageAnalysis }): React.JSX.Element {
  const items: { label: string; value: string; testId: string; help: string }[] = [
    {
      label: 'Layers',
      value: String(image.layers.length),
      testId: 'layer-count',
      help: 'Filesystem layers (steps like ENV or CMD add none)',
    },
    {
      label: 'Image size',
      value: formatBytes(image.sizeBytes),
      testId: 'image-size',
      help: 'All layers’ file bytes',
    },
    {
      label: 'User size',
      value: formatBytes(image.userSizeBytes),
      testId: 'user-size',
      help: 'Bytes of the layers above the first (what the build added)',
    },
    {
      label: 'Efficiency',
      value: formatPercent(image.efficiency),
      testId: 'efficiency',
      help: 'dive’s score: 100 % when no file is stored twice or deleted later',
    },
    {
      label: 'Wasted',
      value: formatBytes(image.wastedBytes),
      testId: 'wasted-bytes',
      help: 'Bytes of files stored more than once across layers',
    },
    {
      label: 'Reclaimable',
      value: formatBytes(image.reclaimableBytes),
      testId: 'reclaimable-bytes',
      help: 'Bytes that ship but no container can see (overwritten or deleted later)',
    },
    {
      label: 'Files',
      value: image.files.toLocaleString(),
      testId: 'file-count',
      help: 'Files in the final filesystem',
    },
  ];
  return (
    <div className="summary-strip">
      <div className="summary-title">
        <strong>{imageLabel(image)}</strong>
        <span className="muted mono" title={image.id}>
          {image.id.replace(/^sha256:/, '').slice(0, 12)}
        </span>
        {image.platform && <span className="muted">{image.platform}</span>}
      </div>
      <dl className="summary-numbers">
        {items.map((i) => (
          <div key={i.testId} title={i.help}>
            <dt>{i.label}</dt>
            <dd data-testid={i.testId}>{i.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
