import { createHash } from 'node:crypto';
import type { Clock } from '../incidents/ports';
import type { Incident } from '../incidents/types';
import type { Logger } from '../observability/logger';
import type { WorkOutcome } from '../store/queue-worker';
import type { CardRef, ClaimedWork, Store } from '../store/store';
import { shownOnCard } from '../store/store';
import type { SlackMessage } from './blocks/incident-card';
import type { WritePriority } from './pacing/priority';
import type { ChatTransport } from './transport';
import { PermanentChatError, RateLimitedError } from './transport';
import type { StormDigests } from './storm-digests';
import { currentRef, requireBudget } from './card-writes';
import { postOnce } from './post-once';
import type { ThreadDeps } from './thread-announcer';
import { announceInThread } from './thread-announcer';
import { DIGEST_MEMBER_PREFIX } from './storm-digests';

/** When the rest of a thread's entries is posted after a reply that could not hold them all. */
const THREAD_REST_AFTER_MS = 1000;

export interface CardSyncOptions {
  store: Store;
  /** The paced transport: a call Slack's budget cannot take now throws RateLimitedError. */
  transport: ChatTransport;
  render: (incident: Incident) => Promise<SlackMessage>;
  /** A minimal card for when Slack refuses the full one (e.g. msg_blocks_too_long): the state still shows. */
  renderMinimal: (incident: Incident) => SlackMessage;
  renderThread: ThreadDeps['renderThread'];
  /** Where new incidents go when a storm opens them faster than cards should be posted. */
  digests: StormDigests;
  clock: Clock;
  logger: Logger;
}

/** The metadata event type on Vigie's cards: how a card whose post outcome was lost is found again. */
export const CARD_EVENT_TYPE = 'vigie_incident';

const hashOf = (message: SlackMessage): string =>
  createHash('sha256')
    .update(JSON.stringify([message.text, message.blocks]))
    .digest('base64url');

/** One step of bringing a channel's card up to date: done, or wait this long before the rest. */
type Step = 0 | { waitMs: number };

/**
 * Keeps every incident's Slack card, and its thread, equal to its state. Incidents saved since their
 * card was last brought up to date wait in the store's `cardSync` queue (written atomically with the
 * incident, so a crash loses nothing); a QueueWorker claims them and calls `sync`.
 *
 * Each Slack write is recorded on the card's ref as soon as Slack has it (ts, content hash, last
 * entry announced), so a sync that must wait for Slack's budget resumes where it stopped and never
 * redoes a write: the card is posted once (a lost post is found again through its metadata), updated
 * only when its content differs from what Slack holds, and the thread gets each significant entry
 * once, in order, after the card exists. The card update and the thread reply wait independently.
 *
 * During a storm a new incident may get no card of its own: where its card would be posted, the
 * storm digests (`StormDigests`) decide, once, whether it joins its runbook's digest instead; the
 * digests themselves are members of the same queue (`digest:<id>`).
 */
export class CardSync {
  /** Incidents whose full card Slack refused: they get the minimal card from then on. */
  private readonly minimal = new Set<string>();

  private readonly thread: ThreadDeps;

  constructor(private readonly options: CardSyncOptions) {
    this.thread = {
      cards: options.store.cards,
      transport: options.transport,
      renderThread: options.renderThread,
      clock: options.clock,
    };
  }

  async sync(work: ClaimedWork): Promise<WorkOutcome> {
    if (work.member.startsWith(DIGEST_MEMBER_PREFIX)) {
      try {
        await this.options.digests.sync(work.member.slice(DIGEST_MEMBER_PREFIX.length));
        return 'done';
      } catch (error) {
        if (error instanceof RateLimitedError) return { heldForMs: error.retryAfterMs };
        throw error;
      }
    }
    const incident = await this.options.store.incidents.get(work.member);
    if (incident === null) return 'done';
    const refs = new Map((await this.options.store.cards.list(incident.id)).map((r) => [r.channel, r]));
    let waitMs = 0;
    for (const channel of incident.policy.channels) {
      const step = await this.syncChannel(incident, channel, refs.get(channel));
      if (step !== 0) waitMs = waitMs === 0 ? step.waitMs : Math.min(waitMs, step.waitMs);
    }
    // Every wait is for Slack's budget (or a lost post's record): changes meanwhile wait for it too.
    return waitMs === 0 ? 'done' : { heldForMs: waitMs };
  }

  private async syncChannel(incident: Incident, channel: string, known: CardRef | undefined): Promise<Step> {
    let card = known ?? (await this.place(incident, channel));
    if (card.digest !== undefined) {
      await this.options.digests.changed(card.digest);
      return 0;
    }
    if (card.ts === '') {
      const pending = card;
      const posted = await this.attempt(incident, channel, () => this.post(incident, channel, pending));
      if (posted !== 0) return posted;
      const stored = (await this.options.store.cards.list(incident.id)).find((r) => r.channel === channel);
      if (stored === undefined || stored.ts === '') return { waitMs: 1000 };
      card = stored;
    }
    const updated = await this.attempt(incident, channel, () => this.update(incident, card));
    const thread: { left: 'done' | 'more' } = { left: 'done' };
    const threaded = await this.attempt(incident, channel, async () => {
      thread.left = await announceInThread(this.thread, incident, card);
    });
    // A reply could not hold every entry: the rest go next, when the thread's budget allows.
    const rest: Step = threaded === 0 && thread.left === 'more' ? { waitMs: THREAD_REST_AFTER_MS } : threaded;
    if (updated === 0) return rest;
    if (rest === 0) return updated;
    return { waitMs: Math.min(updated.waitMs, rest.waitMs) };
  }

  /**
   * A new incident's card in `channel`, or its place on the storm's digest: decided once and recorded
   * before anything is posted, so a retry never decides again.
   */
  private async place(incident: Incident, channel: string): Promise<CardRef> {
    const digest = await this.options.digests.place(incident, channel);
    const ref: CardRef = { channel, channelId: '', ts: '', threadedSeq: this.lastAnnounceable(incident) };
    if (digest !== undefined) ref.digest = digest;
    await this.options.store.cards.put(incident.id, ref);
    return ref;
  }

  /** Posts the card once: a post whose outcome was lost (crash, timeout) is looked up before another. */
  private async post(incident: Incident, channel: string, pending: CardRef | undefined): Promise<void> {
    const { store, transport, clock } = this.options;
    const threadedSeq = this.lastAnnounceable(incident);
    const outcome = await postOnce({
      transport,
      clock,
      channel,
      metadata: { eventType: CARD_EVENT_TYPE, payload: { incident_id: incident.id } },
      postingSince: pending?.postingSince,
      budget: () => requireBudget(transport, 'chat.postMessage', channel, 'urgent'),
      render: () => this.renderCard(incident),
      starting: (since) =>
        store.cards.put(incident.id, { channel, channelId: '', ts: '', threadedSeq, postingSince: since }),
      nothingPosted: () => store.cards.put(incident.id, { channel, channelId: '', ts: '', threadedSeq }),
      posted: (where, message) =>
        store.cards.put(
          incident.id,
          message === undefined
            ? // Found again: its content is unknown, so no hash (the next step updates it).
              { channel, ...where, threadedSeq: pending?.threadedSeq ?? threadedSeq }
            : {
                channel,
                ...where,
                threadedSeq,
                hash: hashOf(message),
                shown: shownOnCard(incident),
                version: incident.version,
              },
        ),
    });
    if (outcome === 'found')
      this.options.logger.warn(
        { incident: incident.id, channel },
        'card sync: found the card of a post whose outcome was lost; not posting it again',
      );
  }

  /**
   * Updates the card if what Slack holds differs: a status or severity change first, then other
   * changes of the incident, then cosmetic refreshes of the same version (budget figures).
   */
  private async update(incident: Incident, ref: CardRef): Promise<void> {
    // A resolved card Slack already holds at this version is final: its figures (error budget) are
    // those of the resolution, not refreshed later.
    if (incident.status === 'resolved' && incident.version === ref.version && ref.hash !== undefined) return;
    const shown = shownOnCard(incident);
    const priority: WritePriority =
      shown !== ref.shown ? 'state' : incident.version !== ref.version ? 'thread' : 'cosmetic';
    // Rendering costs more than asking: a card Slack's budget cannot take now is not rendered. A
    // cosmetic refresh (the budget figure moved) is dropped rather than queued: the next one comes
    // with the next figure, and a storm's thousand cards do not wait in line for a number.
    const wait = (await this.options.transport.wouldWait?.('chat.update', ref.channelId, priority)) ?? 0;
    if (wait > 0 && priority === 'cosmetic') return;
    if (wait > 0) throw new RateLimitedError(wait);
    const message = await this.renderCard(incident);
    const hash = hashOf(message);
    if (hash === ref.hash) return;
    await this.options.transport.updateMessage(ref.channelId, ref.ts, message, { priority });
    await this.options.store.cards.put(incident.id, {
      ...(await currentRef(this.options.store.cards, incident, ref)),
      hash,
      shown,
      version: incident.version,
    });
  }

  private lastAnnounceable(incident: Incident): number {
    return incident.timeline.at(-1)?.seq ?? 0;
  }

  private renderCard(incident: Incident): Promise<SlackMessage> {
    return this.minimal.has(incident.id)
      ? Promise.resolve(this.options.renderMinimal(incident))
      : this.options.render(incident);
  }

  /** Turns Slack's answers into a step: wait (budget, 429), fall back (refused card), or throw (retry). */
  private async attempt(incident: Incident, channel: string, work: () => Promise<void>): Promise<Step> {
    try {
      await work();
      return 0;
    } catch (error) {
      // Spread the retries: many cards waiting for one channel's budget must not all wake together.
      if (error instanceof RateLimitedError)
        return { waitMs: error.retryAfterMs + Math.floor(Math.random() * 250) };
      if (error instanceof PermanentChatError && !this.minimal.has(incident.id)) {
        this.options.logger.error(
          { incident: incident.id, channel, slackError: error.slackError },
          'card sync: Slack refused the card, sending the minimal card instead',
        );
        this.minimal.add(incident.id);
        return this.attempt(incident, channel, work);
      }
      if (error instanceof PermanentChatError) {
        this.options.logger.error(
          { incident: incident.id, channel, slackError: error.slackError },
          'card sync: Slack refused even the minimal card; check the channel and the bot token (retrying with backoff)',
        );
      }
      throw error;
    }
  }
}
