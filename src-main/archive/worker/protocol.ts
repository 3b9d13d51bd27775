/** Messages between the main process and the analysis worker. */
import type { ArchiveAnalysis, TreeEntryDto } from '../../../src-shared/archive-analysis';
import type { ReadProgress } from '../read/read-archive';
import type { AnalyzeRequest, ChildrenRequest, FileContent, FileRequest, VerifyResult } from '../session/session-store';

/** FileContent with its bytes as a Uint8Array (structured clone keeps it; Buffer's prototype is lost). */
export type FileContentMessage = Omit<FileContent, 'content'> & { content: Uint8Array };

export type ToWorker =
  | { type: 'analyze'; id: number; request: AnalyzeRequest }
  | { type: 'cancel'; id: number }
  | { type: 'children'; id: number; request: ChildrenRequest }
  | { type: 'close'; id: number; sessionId: string }
  | { type: 'readFile'; id: number; request: FileRequest }
  | { type: 'saveFile'; id: number; request: FileRequest; destPath: string }
  | { type: 'verify'; id: number; sessionId: string };

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
  | { type: 'file'; id: number; file: FileContentMessage }
  | { type: 'saved'; id: number; bytes: number }
  | { type: 'verified'; id: number; layers: VerifyResult[] }
  | { type: 'error'; id: number; error: WorkerError };
