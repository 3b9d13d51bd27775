/** Messages between the main process and the analysis worker. */
import type { ArchiveAnalysis, TreeEntryDto } from '../../../src-shared/archive-analysis';
import type { ReadProgress } from '../read/read-archive';
import type {
  AnalyzeRequest,
  ChildrenRequest,
  FileContent,
  FileRequest,
  StreamAnalyzeRequest,
  VerifyResult,
} from '../session/session-store';

/** FileContent with its bytes as a Uint8Array (structured clone keeps it; Buffer's prototype is lost). */
export type FileContentMessage = Omit<FileContent, 'content'> & { content: Uint8Array };

export type ToWorker =
  | { type: 'analyze'; id: number; request: AnalyzeRequest }
  | { type: 'cancel'; id: number }
  | { type: 'children'; id: number; request: ChildrenRequest }
  | { type: 'close'; id: number; sessionId: string }
  | { type: 'readFile'; id: number; request: FileRequest }
  | { type: 'saveFile'; id: number; request: FileRequest; destPath: string }
  | { type: 'verify'; id: number; sessionId: string }
  /**
   * A streamed source (the engine's `save`): the worker answers `analyzed` at once when its
   * cache key is known, else `streamAck` with 0 bytes ("send"); then main sends `streamChunk`s
   * (ArrayBuffers, transferred) and one `streamEnd`, keeping at most a window of bytes unacked.
   */
  | { type: 'analyzeStream'; id: number; request: StreamAnalyzeRequest }
  | { type: 'streamChunk'; id: number; data: ArrayBuffer }
  | { type: 'streamEnd'; id: number; error?: string };

export interface WorkerError {
  name: string;
  message: string;
  /** ArchiveError fields, when it is one; a WriteFileError's path and system code (no reason). */
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
  | { type: 'error'; id: number; error: WorkerError }
  /** Bytes of a streamed source the analyzer has read so far (backpressure; 0 = ready for data). */
  | { type: 'streamAck'; id: number; bytes: number };
