import { createHash } from 'node:crypto';
import type { Clock } from '../incidents/ports';
import type { Incident } from '../incidents/types';
import type { Logger } from '../observability/logger';
import type { DigestRef, Store } from '../store/store';
import type { SlackMessage } from './blocks/primitives';
import type { DigestView } from './blocks/storm-digest';
import { DIGEST_LISTED } from './blocks/storm-digest';
import type { ChatTransport } from './transport';
import { requireBudget } from './card-writes';
import { postOnce } from './post-once';

/** New cards per minute per runbook and channel when the frozen policy says nothing (unmapped alerts). */
export const DEFAULT_CARDS_PER_MINUTE = 10;

/** A storm with no new incident for this long is over: the next one gets a digest of its own. */
export const STORM_QUIET_MS = 15 * 60_000;

/** Card-sync queue members that are digests, not incidents. */
export const DIGEST_MEMBER_PREFIX = 'digest:';

/** The metadata event type on digests: a digest whose post outcome was lost is found again. */
export const DIGEST_EVENT_TYPE = 'vigie_digest';

export interface StormDigestsOptions {
  store: Store;
  transport: ChatTransport;
  render: (view: DigestView) => SlackMessage;
  clock: Clock;
  logger: Logger;
}

/** A digest's scope: one runbook in one channel ("-" for alerts no runbook matches). */
const scopeOf = (incident: Incident, channel: string) => `${incident.policy.runbookId ?? '-'}|${channel}`;

/** A digest id is its scope and when its storm began (lua/join-digest.lua): "api.5xx|#sre@1764470000000". */
function parseDigestId(id: string): { channel: string; since: number } {
  const at = id.lastIndexOf('@');
  return { channel: id.slice(id.indexOf('|') + 1, at), since: Number(id.slice(at + 1)) };
}

const hashOf = (message: SlackMessage): string =>
  createHash('sha256')
    .update(JSON.stringify([message.text, message.blocks]))
    .digest('base64url');

/**
 * Mass storms within Slack's budget. Slack takes about one message per second per channel, so a
 * storm opening thousands of incidents would queue their cards for an hour. Each runbook has a card
 * rate per channel (`channels.cards_per_minute`, a token bucket shared by every replica): a new
 * incident within it gets its card; beyond it, it joins the storm's digest, one message that lists
 * the storm's incidents, is kept up to date, and posts any one incident's own card on request.
 */
export class StormDigests {
  constructor(private readonly options: StormDigestsOptions) {}

  /** Decides, once, whether a new incident gets its card in `channel` or joins the storm's digest. */
  async place(incident: Incident, channel: string): Promise<string | undefined> {
    const { store, clock } = this.options;
    const perMinute = incident.policy.cardsPerMinute ?? DEFAULT_CARDS_PER_MINUTE;
    const scope = scopeOf(incident, channel);
    const wait = await store.rateBudget.take(
      [{ key: `new-cards:${scope}`, perSecond: perMinute / 60, burst: perMinute, reserve: 0 }],
      clock.now(),
    );
    if (wait === 0) return undefined;
    const digest = await store.digests.join(scope, incident.id, clock.now(), STORM_QUIET_MS);
    this.options.logger.info(
      { incident: incident.id, channel, digest },
      'storm: more new incidents than the runbook allows cards per minute; listed on the digest',
    );
    return digest;
  }

  /** The digest must show a change of one of its incidents (an ordinary mark: it waits for its hold). */
  async changed(digestId: string): Promise<void> {
    await this.options.store.cardSync.mark(
      `${DIGEST_MEMBER_PREFIX}${digestId}`,
      this.options.clock.now(),
      false,
    );
  }

  /** Posts the digest, or brings it up to date (at Slack's pace: RateLimitedError says when to retry). */
  async sync(digestId: string): Promise<void> {
    const { channel, since } = parseDigestId(digestId);
    const ref = await this.options.store.digests.ref(digestId);
    const posted = ref !== undefined && ref.ts !== '';
    // Asking costs less than reading 40 incidents and rendering: an update Slack cannot take now is
    // not read (a storm changes the digest's incidents far more often than Slack takes updates).
    if (posted) await requireBudget(this.options.transport, 'chat.update', ref.channelId, 'state');
    const view = await this.view(digestId, since);
    if (view === undefined) return;
    if (posted) await this.update(digestId, ref, view);
    else await this.post(digestId, channel, view, ref);
  }

  /** What the digest shows now: its latest incidents (read), how many it lists. */
  private async view(digestId: string, since: number): Promise<DigestView | undefined> {
    const { store } = this.options;
    const { ids, total } = await store.digests.members(digestId, DIGEST_LISTED);
    const incidents = (await Promise.all(ids.map((id) => store.incidents.get(id)))).filter(
      (i): i is Incident => i !== null,
    );
    const first = incidents[0];
    if (first === undefined) return undefined;
    return {
      title: first.policy.runbookId === null ? undefined : first.policy.title,
      incidents,
      total,
      perMinute: first.policy.cardsPerMinute ?? DEFAULT_CARDS_PER_MINUTE,
      since,
    };
  }

  private async post(digestId: string, channel: string, view: DigestView, pending: DigestRef | undefined) {
    const { store, transport, clock } = this.options;
    const outcome = await postOnce({
      transport,
      clock,
      channel,
      metadata: { eventType: DIGEST_EVENT_TYPE, payload: { digest_id: digestId } },
      postingSince: pending?.postingSince,
      budget: () => requireBudget(this.options.transport, 'chat.postMessage', channel, 'urgent'),
      render: () => this.options.render(view),
      starting: (since) =>
        store.digests.putRef(digestId, { channel, channelId: '', ts: '', postingSince: since }),
      nothingPosted: () => store.digests.putRef(digestId, { channel, channelId: '', ts: '' }),
      // Found again, its content is unknown: no hash, so the next sync updates it.
      posted: (where, message) =>
        store.digests.putRef(
          digestId,
          message === undefined ? { channel, ...where } : { channel, ...where, hash: hashOf(message) },
        ),
    });
    if (outcome === 'found') await this.changed(digestId);
  }

  private async update(digestId: string, ref: DigestRef, view: DigestView): Promise<void> {
    const message = this.options.render(view);
    const hash = hashOf(message);
    if (hash === ref.hash) return;
    await this.options.transport.updateMessage(ref.channelId, ref.ts, message, { priority: 'state' });
    await this.options.store.digests.putRef(digestId, { ...ref, hash });
  }
}
