/** What every domain's handlers get: the current engine, push events, long jobs, the analyzer. */
import type { OpenDialogOptions, SaveDialogOptions } from '../../src-shared/contract/dialogs';
import type { EngineClient } from '../docker/engine-client';
import type { AnalysisHost } from '../services/analysis-host';
import type { EngineRegistry } from '../services/engine-registry';
import type { EventHub } from './event-hub';
import type { JobRegistry } from './jobs';

export interface MainContext {
  /** The current engine connection. A function, because the user can switch engines. */
  engine: () => EngineClient;
  events: EventHub;
  jobs: JobRegistry;
  analysis: AnalysisHost;
  /** The configured engines and their connection states. */
  connection: EngineRegistry;
  /** The native file pickers; absent in the CLI and in tests that give none. */
  dialogs?: FileDialogs;
}

/** The OS file dialogs: the chosen path, or null / [] when the user cancelled. */
export interface FileDialogs {
  save(opts: SaveDialogOptions): Promise<string | null>;
  open(opts: OpenDialogOptions): Promise<string[]>;
}
