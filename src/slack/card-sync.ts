import type { Clock } from '../incidents/ports';
import { lastSeq } from '../incidents/timeline';
import type { Incident, TimelineEntry } from '../incidents/types';
import { THREAD_WORTHY } from '../incidents/types';
import type { WorkOutcome } from '../store/queue-worker';
import type { CardRef, ClaimedWork } from '../store/store';
import type { Logger } from '../observability/logger';
import type { Store } from '../store/store';
import type { SlackMessage } from './blocks/incident-card';
import type { ChannelGate } from './channel-gate';
import type { ChatTransport } from './transport';
import { PermanentChatError, RateLimitedError } from './transport';

export interface CardSyncOptions {
  store: Store;
  transport: ChatTransport;
  render: (incident: Incident) => Promise<SlackMessage>;
  /** A minimal card for when Slack refuses the full one (e.g. msg_blocks_too_long): the state still shows. */
  renderMinimal: (incident: Incident) => SlackMessage;
  /** One thread reply announcing significant timeline entries (mitigation results, resolution…). */
  renderThread: (incident: Incident, entries: TimelineEntry[]) => SlackMessage;
  gate: ChannelGate;
  clock: Clock;
  logger: Logger;
}

/**
 * Keeps every incident's Slack card equal to its state. Incidents saved since their card was last
 * rendered wait in the store's `cardSync` queue (written atomically with the incident, so a crash
 * loses nothing); a QueueWorker claims them and calls `sync`, which renders the *latest* state and
 * posts or updates the card. Many changes in a burst become one update: they mark the same member.
 */
export class CardSync {
  /** Incidents whose full card Slack refused: they get the minimal card from then on. */
  private readonly minimal = new Set<string>();

  constructor(private readonly options: CardSyncOptions) {}

  async sync(work: ClaimedWork): Promise<WorkOutcome> {
    const incident = await this.options.store.incidents.get(work.member);
    if (incident === null) return 'done';
    try {
      await this.syncChannels(incident);
      return 'done';
    } catch (error) {
      if (error instanceof DeferError) return { retryInMs: error.delayMs };
      throw error;
    }
  }

  private async syncChannels(incident: Incident): Promise<void> {
    const refs = new Map((await this.options.store.cards.list(incident.id)).map((r) => [r.channel, r]));
    const useMinimal = this.minimal.has(incident.id);
    const message = useMinimal ? this.options.renderMinimal(incident) : await this.options.render(incident);
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
