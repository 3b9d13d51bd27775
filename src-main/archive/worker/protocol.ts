/** Messages between the main process and the analysis worker. */
import type { ArchiveAnalysis, TreeEntryDto } from '../../../src-shared/archive-analysis';
import type { ReadProgress } from '../read/read-archive';
import type { AnalyzeRequest, ChildrenRequest } from '../session/session-store';

export type ToWorker =
  | { type: 'analyze'; id: number; request: AnalyzeRequest }
  | { type: 'cancel'; id: number }
  | { type: 'children'; id: number; request: ChildrenRequest }
  | { type: 'close'; id: number; sessionId: string };

export interface WorkerError {
  name: string;
  message: string;
  /** ArchiveError fields, when it is one. */
  file?: string;
  reason?: string;
  code?: string;
}

export type FromWorker =
  | { type: 'progress'; id: number; progress: ReadProgress }
  | { type: 'analyzed'; id: number; sessionId: string; analysis: ArchiveAnalysis; cached: boolean }
  | { type: 'children'; id: number; entries: TreeEntryDto[] }
  | { type: 'closed'; id: number; closed: boolean }
  | { type: 'error'; id: number; error: WorkerError };
