import type { Clock } from '../incidents/ports';
import type { Logger } from '../observability/logger';
import type { ClaimedWork, WorkQueue } from './store';

/**
 * What a handler says of one piece of work: done; to be tried again later (not a failure); or held:
 * it cannot progress for that long, whatever ordinary change comes meanwhile (see WorkQueue.hold).
 */
export type WorkOutcome = 'done' | { retryInMs: number } | { heldForMs: number };

export interface QueueWorkerOptions {
  name: string;
  queue: WorkQueue;
  clock: Clock;
  logger: Logger;
  handle: (work: ClaimedWork) => Promise<WorkOutcome>;
  /** How long a claimed member is ours before another replica may take it over. */
  leaseMs?: number;
  pollMs?: number;
  batch?: number;
}

const BACKOFF_MS = [1000, 2000, 5000, 10_000, 30_000, 60_000];

/**
 * Drains a leased work queue: claims due members, hands each to `handle` (up to `batch` at once),
 * completes or reschedules it.
 * A handler that throws is retried with backoff; a replica that dies mid-work loses only its lease.
 */
export class QueueWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private readonly failures = new Map<string, number>();
  /** Handlers running now: at most `batch` at once. */
  private readonly inFlight = new Set<Promise<void>>();
  readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly batch: number;

  constructor(private readonly options: QueueWorkerOptions) {
    this.leaseMs = options.leaseMs ?? 30_000;
    this.pollMs = options.pollMs ?? 250;
    this.batch = options.batch ?? 20;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    await this.running;
    await Promise.all(this.inFlight);
  }

  /** Work was just queued in this process: look now rather than at the next poll. */
  wake(): void {
    if (!this.stopped && this.running === undefined) this.schedule(0);
  }

  private schedule(delay: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.pump()
        .then(
          (next) => next,
          (error: unknown) => {
            this.options.logger.error(
              { worker: this.options.name, err: (error as Error).message },
              'queue worker: claim failed',
            );
            return this.pollMs;
          },
        )
        .then((next) => {
          this.running = undefined;
          if (!this.stopped) this.schedule(next);
        });
    }, delay);
  }

  /**
   * Claims what is due into the free handler slots and starts it without waiting for the rest: a slow
   * item (a PagerDuty timeout) never holds up the items behind it. Returns when to look again.
   */
  private async pump(): Promise<number> {
    const free = this.batch - this.inFlight.size;
    if (free <= 0) return this.pollMs;
    const claimed = await this.options.queue.claim(this.options.clock.now(), this.leaseMs, free);
    for (const work of claimed) {
      const handled: Promise<void> = this.handleOne(work).finally(() => {
        this.inFlight.delete(handled);
        this.wake();
      });
      this.inFlight.add(handled);
    }
    return claimed.length >= free ? 0 : this.pollMs;
  }

  /** One pass: claim what is due and handle it, waiting for all of it. For tests and benchmarks. */
  async tick(): Promise<number> {
    const { queue, clock } = this.options;
    const claimed = await queue.claim(clock.now(), this.leaseMs, this.batch);
    await Promise.all(claimed.map((work) => this.handleOne(work)));
    return claimed.length;
  }

  private async handleOne(work: ClaimedWork): Promise<void> {
    const { queue, clock, logger, name } = this.options;
    try {
      await queue.pace?.();
      const outcome = await this.options.handle(work);
      this.failures.delete(work.member);
      if (outcome === 'done') await queue.complete(work.member);
      else if ('retryInMs' in outcome) await queue.retry(work.member, clock.now() + outcome.retryInMs);
      else if (queue.hold === undefined) await queue.retry(work.member, clock.now() + outcome.heldForMs);
      else await queue.hold(work.member, clock.now() + outcome.heldForMs);
    } catch (error) {
      const attempt = (this.failures.get(work.member) ?? 0) + 1;
      this.failures.set(work.member, attempt);
      const delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length) - 1] ?? 60_000;
      logger.warn(
        { worker: name, member: work.member, attempt, retryInMs: delay, err: (error as Error).message },
        'queue worker: will retry',
      );
      await queue.retry(work.member, clock.now() + delay).catch(() => undefined);
    }
  }
}
