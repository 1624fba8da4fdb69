import cron from 'node-cron';
import type { ScheduledTask } from 'node-cron';
import type { Clock } from '../incidents/ports';
import type { IncidentService } from '../incidents/service';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import { QueueWorker } from '../store/queue-worker';
import type { Store } from '../store/store';
import type { Deliverer } from './deliverer';
import { reconcileTimers } from './reconciler';
import { TimerFirer } from './timer-firer';
import { OUTBOX_QUEUE, TIMER_QUEUE } from './work-items';

export interface EscalationEngineOptions {
  store: Store;
  service: IncidentService;
  deliverer: Deliverer;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** Told about timers overdue by more than a minute (the Slack message of the watchdog). */
  onOverdue: (count: number, oldestDueAt: number) => Promise<void>;
  leaseMs?: number;
  pollMs?: number;
}

const OVERDUE_MS = 60_000;
/** The watchdog speaks in Slack at most this often; the log and the metric say it every time. */
const OVERDUE_MESSAGE_EVERY_MS = 10 * 60_000;

/**
 * The escalation engine: a worker firing due timers (at most `pollMs` late in normal operation), a
 * worker delivering what fired, the reconciler at start and every minute, and a watchdog for timers
 * that nobody claims (no replica running, Redis trouble).
 */
export class EscalationEngine {
  readonly timers: QueueWorker;
  readonly outbox: QueueWorker;
  private readonly tasks: ScheduledTask[] = [];
  private lastOverdueMessage = 0;

  constructor(private readonly options: EscalationEngineOptions) {
    const { store, clock, logger, metrics } = options;
    const firer = new TimerFirer(
      options.service,
      logger,
      (latenessMs, runbook, step) => {
        metrics.timerLateness.observe(Math.max(0, latenessMs) / 1000);
        metrics.escalationsFired.inc({ runbook, step });
        this.outbox.wake();
      },
      () => clock.now(),
    );
    const common = { clock, logger, leaseMs: options.leaseMs ?? 60_000, pollMs: options.pollMs ?? 250 };
    this.timers = new QueueWorker({
      ...common,
      name: 'escalation-timers',
      queue: store.queue(TIMER_QUEUE),
      handle: (w) => firer.handle(w),
      batch: 100,
    });
    this.outbox = new QueueWorker({
      ...common,
      name: 'escalation-outbox',
      queue: store.queue(OUTBOX_QUEUE),
      handle: (w) => options.deliverer.handle(w),
      // Deliveries mostly wait on PagerDuty, SMTP or Slack: many in flight keep a mass escalation
      // (a thousand incidents due together) within seconds; Slack's are paced by its own budget.
      batch: 100,
    });
  }

  async start(): Promise<void> {
    await this.reconcile();
    this.timers.start();
    this.outbox.start();
    this.tasks.push(cron.schedule('* * * * *', () => void this.reconcile(), { name: 'vigie-reconciler' }));
    this.tasks.push(cron.schedule('*/30 * * * * *', () => void this.watch(), { name: 'vigie-watchdog' }));
  }

  async stop(): Promise<void> {
    for (const task of this.tasks.splice(0)) await task.stop();
    await Promise.all([this.timers.stop(), this.outbox.stop()]);
  }

  wake(): void {
    this.timers.wake();
    this.outbox.wake();
  }

  async reconcile(): Promise<void> {
    const started = performance.now();
    try {
      const armed = await reconcileTimers(
        this.options.store.incidents,
        this.options.store.queue(TIMER_QUEUE),
        this.options.clock,
      );
      this.options.metrics.reconcileSeconds.set((performance.now() - started) / 1000);
      if (armed > 0) this.options.logger.debug({ armed }, 'escalation: reconciler re-armed pending timers');
      this.timers.wake();
    } catch (error) {
      this.options.logger.error(
        { err: (error as Error).message },
        'escalation: reconciler failed (will run again)',
      );
    }
  }

  /** Timers more than a minute past due and still unclaimed: log, metric, and a Slack message. */
  async watch(): Promise<void> {
    try {
      const queue = this.options.store.queue(TIMER_QUEUE);
      const now = this.options.clock.now();
      const counts = await queue.counts();
      this.options.metrics.timersPending.set(counts.due + counts.leased);
      const late = await queue.overdue(now - OVERDUE_MS, 1000);
      this.options.metrics.timersOverdue.set(late.length);
      if (late.length === 0) return;
      const oldest = Math.min(...late.map((l) => l.dueAt));
      this.options.logger.error(
        { overdue: late.length, oldestDueAt: new Date(oldest).toISOString() },
        'escalation watchdog: timers overdue by more than a minute',
      );
      if (now - this.lastOverdueMessage >= OVERDUE_MESSAGE_EVERY_MS) {
        this.lastOverdueMessage = now;
        await this.options.onOverdue(late.length, oldest);
      }
    } catch (error) {
      this.options.logger.error({ err: (error as Error).message }, 'escalation watchdog: check failed');
    }
  }
}
