import type { Clock } from '../incidents/ports';
import { lastSeq } from '../incidents/timeline';
import type { Incident, TimelineEntry } from '../incidents/types';
import { THREAD_WORTHY } from '../incidents/types';
import type { CardRef } from '../store/store';
import type { Logger } from '../observability/logger';
import type { Store } from '../store/store';
import type { SlackMessage } from './blocks/incident-card';
import type { ChannelGate } from './channel-gate';
import type { ChatTransport } from './transport';
import { PermanentChatError, RateLimitedError } from './transport';

export interface CardSyncOptions {
  store: Store;
  transport: ChatTransport;
  render: (incident: Incident) => SlackMessage;
  /** A minimal card for when Slack refuses the full one (e.g. msg_blocks_too_long): the state still shows. */
  renderMinimal: (incident: Incident) => SlackMessage;
  /** One thread reply announcing significant timeline entries (mitigation results, resolution…). */
  renderThread: (incident: Incident, entries: TimelineEntry[]) => SlackMessage;
  gate: ChannelGate;
  clock: Clock;
  logger: Logger;
  /** How long a claimed incident is ours before another replica may take it over. */
  leaseMs?: number;
  pollMs?: number;
  batch?: number;
}

const BACKOFF_MS = [1000, 2000, 5000, 10_000, 30_000, 60_000];

/**
 * Keeps every incident's Slack card equal to its state. Incidents saved since their card was last
 * rendered wait in the store's `cardSync` queue (written atomically with the incident, so a crash
 * loses nothing); this worker claims them, renders the *latest* state and posts or updates the card.
 * Many changes in a burst become one update: they all mark the same queue member.
 */
export class CardSyncWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private readonly failures = new Map<string, number>();
  /** Incidents whose full card Slack refused: they get the minimal card from then on. */
  private readonly minimal = new Set<string>();
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly batch: number;

  constructor(private readonly options: CardSyncOptions) {
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
  }

  /** Called when an incident changed in this process, to render without waiting for the next poll. */
  wake(): void {
    if (!this.stopped && this.running === undefined) this.schedule(0);
  }

  private schedule(delay: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .then(
          () => undefined,
          (error: unknown) =>
            this.options.logger.error({ err: (error as Error).message }, 'card sync: tick failed'),
        )
        .finally(() => {
          this.running = undefined;
          if (!this.stopped) this.schedule(this.pollMs);
        });
    }, delay);
  }

  /** One pass: claim due incidents and sync their cards. Public for tests and benchmarks. */
  async tick(): Promise<number> {
    const { store, clock } = this.options;
    const ids = await store.cardSync.claim(clock.now(), this.leaseMs, this.batch);
    await Promise.all(ids.map((id) => this.syncOne(id)));
    return ids.length;
  }

  private async syncOne(id: string): Promise<void> {
    const { store, clock, logger } = this.options;
    try {
      const incident = await store.incidents.get(id);
      if (incident !== null) await this.syncChannels(incident);
      this.failures.delete(id);
      await store.cardSync.complete(id);
    } catch (error) {
      if (error instanceof DeferError) {
        await store.cardSync.retry(id, clock.now() + error.delayMs);
        return;
      }
      const attempt = (this.failures.get(id) ?? 0) + 1;
      this.failures.set(id, attempt);
      const delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length) - 1] ?? 60_000;
      logger.warn(
        { incident: id, attempt, retryInMs: delay, err: (error as Error).message },
        'card sync: will retry',
      );
      await store.cardSync.retry(id, clock.now() + delay).catch(() => undefined);
    }
  }

  private async syncChannels(incident: Incident): Promise<void> {
    const refs = new Map((await this.options.store.cards.list(incident.id)).map((r) => [r.channel, r]));
    const useMinimal = this.minimal.has(incident.id);
    const message = useMinimal ? this.options.renderMinimal(incident) : this.options.render(incident);
    for (const channel of incident.policy.channels) {
      await this.guard(incident, channel, useMinimal, async () => {
        this.takeSlot(channel);
        let ref = refs.get(channel);
        if (ref === undefined) {
          const posted = await this.options.transport.postMessage(channel, message);
          ref = { channel, ...posted, threadedSeq: lastSeq(incident) };
          await this.options.store.cards.put(incident.id, ref);
        } else {
          await this.options.transport.updateMessage(ref.channelId, ref.ts, message);
        }
        await this.announceInThread(incident, ref);
      });
    }
  }

  /** Posts the significant entries the thread has not seen yet, as one reply. */
  private async announceInThread(incident: Incident, ref: CardRef): Promise<void> {
    const pending = incident.timeline.filter((e) => e.seq > ref.threadedSeq && THREAD_WORTHY.has(e.kind));
    if (pending.length === 0) return;
    this.takeSlot(ref.channel);
    await this.options.transport.postMessage(
      ref.channel,
      this.options.renderThread(incident, pending),
      ref.ts,
    );
    await this.options.store.cards.put(incident.id, { ...ref, threadedSeq: lastSeq(incident) });
  }

  /** Takes the channel's next write slot, or defers the whole sync until it is free. */
  private takeSlot(channel: string): void {
    const wait = this.options.gate.reserve(channel, this.options.clock.now());
    if (wait > 0) throw new DeferError(wait);
  }

  /** Turns Slack's answers into what the worker should do: wait (429), fall back (refused card), or retry. */
  private async guard(
    incident: Incident,
    channel: string,
    useMinimal: boolean,
    work: () => Promise<void>,
  ): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (error instanceof RateLimitedError) {
        this.options.gate.pause(channel, this.options.clock.now() + error.retryAfterMs);
        this.options.logger.warn(
          { channel, retryAfterMs: error.retryAfterMs },
          'card sync: Slack rate limit, pausing this channel only',
        );
        throw new DeferError(error.retryAfterMs);
      }
      if (error instanceof PermanentChatError) {
        this.options.logger.error(
          { incident: incident.id, channel, slackError: error.slackError, minimalCard: useMinimal },
          useMinimal
            ? 'card sync: Slack refused even the minimal card; check the channel and the bot token (retrying with backoff)'
            : 'card sync: Slack refused the card, sending the minimal card instead',
        );
        if (!useMinimal) {
          this.minimal.add(incident.id);
          throw new DeferError(0);
        }
      }
      throw error;
    }
  }
}

/** Not a failure: the work must wait (rate limit, channel pacing) or be redone another way. */
class DeferError extends Error {
  constructor(readonly delayMs: number) {
    super(`deferred ${delayMs} ms`);
  }
}
