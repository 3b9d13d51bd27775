/**
 * The picture beside a lesson, from the engine when one is connected, else from the sample
 * archive: a container's writable layer over its image (containers' LayerPanel), an image's layer
 * stack (layers' LayerStack), the tag graph, or an archive's own structure.
 */
import { useState } from 'react';
import type { ArchiveAnalysis, ImageAnalysis } from '../../../src-shared/archive-analysis';
import { call } from '../../ipc/client';
import { useMessages } from '../../i18n/messages';
import { LayerPanel } from '../containers/LayerPanel';
import { graphFromAnalysis } from '../graph/graph-model';
import { LayerStack } from '../layers/LayerStack';
import { ArchiveStructure } from './ArchiveStructure';
import { BASE, HTTPD, LATEST, V1, V2, WEB, WEB1 } from './learn-names';
import { learnSubgraph } from './learn-graph';
import { useLearnStore } from './learn-store';
import type { Lesson } from './lessons';
import { learnJobId } from './lesson-steps';
import { msg } from './messages';
import { MiniGraph } from './MiniGraph';
import { NameAnatomy } from './NameAnatomy';
import { useAsync, type AsyncState } from './use-async';
import { useSessionAnalysis } from './use-analysis';

type M = typeof msg.en;

function Pending({ state, m }: { state: AsyncState<unknown>; m: M }): React.JSX.Element | null {
  if (state.status === 'loading') return <p className="muted">{m.loading}</p>;
  if (state.status === 'error')
    return (
      <p className="muted" data-testid="viz-empty">
        {m.nothing}
      </p>
    );
  return null;
}

const imageIn = (a: ArchiveAnalysis, ref: string): ImageAnalysis | undefined =>
  a.images.find((i) => i.repoTags.includes(ref)) ?? a.images[0];

function Stack({ image, title }: { image: ImageAnalysis; title: string }): React.JSX.Element {
  const [selected, setSelected] = useState(image.layers.length - 1);
  return (
    <figure className="learn-stack" data-testid="learn-stack">
      <figcaption>{title}</figcaption>
      <LayerStack
        image={image}
        selected={Math.min(selected, image.layers.length - 1)}
        onSelect={setSelected}
      />
    </figure>
  );
}

/** A local image analysed by streaming its `docker save`. */
function LiveStack({ imageRef, version }: { imageRef: string; version: number }): React.JSX.Element {
  const m = useMessages(msg);
  const state = useSessionAnalysis(
    () => call('analyzeLocalImage', { ref: imageRef, jobId: learnJobId('stack') }),
    [imageRef, version],
  );
  if (state.status !== 'ready') return <Pending state={state} m={m} />;
  const image = imageIn(state.value, imageRef);
  return image ? (
    <Stack image={image} title={m.layerStack(imageRef)} />
  ) : (
    <p className="muted">{m.nothing}</p>
  );
}

/** The tags an archive file holds, from its analysis: what `docker load` will bring back. */
function ArchiveTags({ path, version }: { path: string; version: number }): React.JSX.Element {
  const m = useMessages(msg);
  const state = useSessionAnalysis(
    () => call('openArchive', { path, jobId: learnJobId('tags') }),
    [path, version],
  );
  if (state.status !== 'ready') return <Pending state={state} m={m} />;
  return <MiniGraph graph={graphFromAnalysis(state.value)} label={m.archiveTags} />;
}

function LiveContainer({
  name,
  committedRef,
  version,
}: {
  name: string;
  committedRef?: string;
  version: number;
}): React.JSX.Element {
  const m = useMessages(msg);
  const state = useAsync(async () => {
    const detail = await call('inspectContainer', { id: name });
    const committed = committedRef
      ? await call('inspectImage', { ref: committedRef }).catch(() => null)
      : null;
    return { detail, committed };
  }, [name, committedRef, version]);
  const [bump, setBump] = useState(0);
  if (state.status !== 'ready') return <Pending state={state} m={m} />;
  const { detail, committed } = state.value;
  return (
    <LayerPanel
      id={detail.id}
      name={detail.name}
      image={detail.image}
      imageId={detail.imageId}
      version={version + bump}
      committed={
        committed
          ? { imageId: committed.id, reference: committedRef ?? null, layers: committed.layers }
          : null
      }
      onRefresh={() => setBump((b) => b + 1)}
    />
  );
}

/** What each graph lesson is about, lit in its picture. */
const GRAPH_FOCUS: Partial<Record<Lesson['id'], readonly string[]>> = {
  tags: [V1, LATEST],
  'inspect-cmd': [BASE, V1, V2],
  'run-committed': [V2],
  load: [V1, LATEST, V2],
};

function LiveGraph({ lesson, version }: { lesson: Lesson; version: number }): React.JSX.Element {
  const m = useMessages(msg);
  const committedId = useLearnStore((s) => s.progress.committedId);
  const state = useAsync(() => call('imageGraph'), [version]);
  if (state.status !== 'ready') return <Pending state={state} m={m} />;
  const graph = learnSubgraph(state.value, ['myimg/', 'strata-sample/'], committedId ? [committedId] : []);
  return graph.nodes.length ? (
    <MiniGraph graph={graph} label={m.tagGraph} focus={GRAPH_FOCUS[lesson.id] ?? []} />
  ) : (
    <p className="muted">{m.nothing}</p>
  );
}

function StructureOf({ path, version }: { path: string; version: number }): React.JSX.Element {
  const m = useMessages(msg);
  const state = useAsync(() => call('archiveStructure', { path }), [path, version]);
  if (state.status !== 'ready') return <Pending state={state} m={m} />;
  return <ArchiveStructure structure={state.value} name={path.split(/[\\/]/).pop() ?? path} />;
}

function LivePicture({ lesson, version }: { lesson: Lesson; version: number }): React.JSX.Element {
  const env = useLearnStore((s) => s.env);
  switch (lesson.viz) {
    case 'container-web1':
      return <LiveContainer name={WEB1} version={version} />;
    case 'container-httpd':
      return <LiveContainer name={HTTPD} committedRef={V2} version={version} />;
    case 'stack-web':
      return <LiveStack imageRef={WEB} version={version} />;
    case 'stack-base':
      return <LiveStack imageRef={BASE} version={version} />;
    case 'names':
      return <NameAnatomy />;
    case 'graph':
      return <LiveGraph lesson={lesson} version={version} />;
    case 'structure':
      return env ? (
        <>
          <StructureOf path={env.saveTargets.tar} version={version} />
          <ArchiveTags path={env.saveTargets.tar} version={version} />
        </>
      ) : (
        <></>
      );
  }
}

function SamplePicture({ lesson }: { lesson: Lesson }): React.JSX.Element {
  const m = useMessages(msg);
  const sample = useLearnStore((s) => s.sample);
  if (lesson.viz === 'names') return <NameAnatomy />;
  if (sample.status !== 'ready')
    return (
      <p className="muted">
        {sample.status === 'error' ? sample.message : sample.status === 'missing' ? m.noSample : m.loading}
      </p>
    );
  const a = sample.analysis;
  switch (lesson.viz) {
    case 'graph':
      return <MiniGraph graph={graphFromAnalysis(a)} label={m.tagGraph} />;
    case 'structure':
      return (
        <>
          <StructureOf path={sample.path} version={0} />
          <MiniGraph graph={graphFromAnalysis(a)} label={m.archiveTags} />
        </>
      );
    case 'stack-base': {
      const image = imageIn(a, BASE);
      return image ? <Stack image={image} title={m.layerStack(BASE)} /> : <></>;
    }
    default: {
      const image = imageIn(a, WEB);
      return image ? <Stack image={image} title={m.layerStack(WEB)} /> : <></>;
    }
  }
}

export function LessonViz({ lesson, live }: { lesson: Lesson; live: boolean }): React.JSX.Element {
  const m = useMessages(msg);
  const version = useLearnStore((s) => s.version);
  return (
    <section className="learn-viz" aria-label={m.picture} data-testid="lesson-viz" data-viz={lesson.viz}>
      {live ? <LivePicture lesson={lesson} version={version} /> : <SamplePicture lesson={lesson} />}
    </section>
  );
}
