/** The one dialog the Images view shows at a time, by kind. */
import type { ImageSummary } from '../../../src-shared/dto';
import { RunDialog } from '../containers/RunDialog';
import { LoadDialog } from '../transfer/LoadDialog';
import { PullDialog, PushDialog } from '../transfer/RegistryDialogs';
import { SaveDialog } from '../transfer/SaveDialog';
import { AnalyzeDialog } from './AnalyzeDialog';
import { PruneDialog, RemoveDialog } from './RemoveDialog';
import { TagDialog, UntagDialog } from './TagDialogs';

export type ImageDialog =
  | { kind: 'run'; image: ImageSummary }
  | { kind: 'tag'; image: ImageSummary }
  | { kind: 'untag'; image: ImageSummary; ref: string }
  | { kind: 'remove'; images: readonly ImageSummary[] }
  | { kind: 'save'; images: readonly ImageSummary[] }
  | { kind: 'push'; image: ImageSummary }
  | { kind: 'analyze'; image: ImageSummary }
  | { kind: 'pull' }
  | { kind: 'load'; path: string | null; chooserError?: string }
  | { kind: 'prune' };

/** The images a dialog acts on (none for pull, load, prune). */
export function dialogImageIds(d: ImageDialog): string[] {
  if ('image' in d) return [d.image.id];
  if ('images' in d) return d.images.map((i) => i.id);
  return [];
}

interface Props {
  dialog: ImageDialog;
  images: readonly ImageSummary[];
  onClose: () => void;
  /** Something changed in the engine: list again, and highlight these references. */
  onChanged: (highlight?: readonly string[]) => void;
}

export function ImageDialogs({ dialog: d, images, onClose, onChanged }: Props): React.JSX.Element {
  switch (d.kind) {
    case 'run':
      return <RunDialog onClose={onClose} initialImage={d.image.repoTags[0] ?? d.image.id} />;
    case 'tag':
      return <TagDialog image={d.image} onClose={onClose} onDone={onChanged} />;
    case 'untag':
      return <UntagDialog image={d.image} refName={d.ref} onClose={onClose} onDone={onChanged} />;
    case 'remove':
      return <RemoveDialog images={d.images} onClose={onClose} onDone={() => onChanged()} />;
    case 'prune':
      return <PruneDialog images={images} onClose={onClose} onDone={() => onChanged()} />;
    case 'save':
      return <SaveDialog images={d.images} onClose={onClose} />;
    case 'push':
      return <PushDialog image={d.image} onClose={onClose} />;
    case 'analyze':
      return <AnalyzeDialog image={d.image} onClose={onClose} />;
    case 'pull':
      return <PullDialog onClose={onClose} onPulled={(ref) => onChanged([ref])} />;
    case 'load':
      return (
        <LoadDialog
          path={d.path}
          {...(d.chooserError ? { chooserError: d.chooserError } : {})}
          onClose={onClose}
          onLoaded={onChanged}
        />
      );
  }
}
