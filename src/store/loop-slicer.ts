/** How long background work may run before the event loop serves requests (Slack's clicks, scrapes). */
export const SLICE_MS = 4;

/**
 * Shares the event loop between background work and requests. Background work arrives in bursts — a
 * Redis reply carrying a hundred incidents resolves a hundred continuations at once, ~40 ms of work
 * during which no click is acknowledged and no scrape answered. A piece of background work awaits
 * `turn()` before its heavy part: within the current slice it goes on at once; past it, the waiting
 * pieces go one after the other in a later turn of the loop, after pending I/O was served.
 */
export class LoopSlicer {
  private sliceStartedAt = performance.now();
  private readonly waiting: Array<() => void> = [];
  private releasing = false;

  constructor(private readonly sliceMs = SLICE_MS) {}

  turn(): Promise<void> {
    if (!this.releasing && performance.now() - this.sliceStartedAt < this.sliceMs) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      if (!this.releasing) this.nextSlice();
    });
  }

  /** In a later turn of the loop (setImmediate runs after the poll phase that serves I/O). */
  private nextSlice(): void {
    this.releasing = true;
    setImmediate(() => {
      this.sliceStartedAt = performance.now();
      this.releaseOne();
    });
  }

  private releaseOne(): void {
    const next = this.waiting.shift();
    if (next === undefined) {
      this.releasing = false;
      return;
    }
    next();
    // Queued after the released piece's continuation: runs once it has reached its next await.
    queueMicrotask(() => {
      if (this.waiting.length === 0) this.releasing = false;
      else if (performance.now() - this.sliceStartedAt < this.sliceMs) this.releaseOne();
      else this.nextSlice();
    });
  }
}
