/** Long jobs the window started, by the ID it chose, so it can cancel them. */
import { AppError } from './app-error';

export class JobRegistry {
  private readonly running = new Map<string, AbortController>();

  start(jobId: string): AbortController {
    if (this.running.has(jobId)) throw new AppError('CONFLICT', `a job with ID ${jobId} is already running`);
    const c = new AbortController();
    this.running.set(jobId, c);
    return c;
  }

  finish(jobId: string): void {
    this.running.delete(jobId);
  }

  cancel(jobId: string): boolean {
    const c = this.running.get(jobId);
    if (!c) return false;
    c.abort();
    return true;
  }
}
