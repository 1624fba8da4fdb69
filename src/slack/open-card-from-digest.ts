import type { Clock } from '../incidents/ports';
import { StoreUnavailableError } from '../incidents/ports';
import type { ActionResult } from '../responders/refusal';
import { done, refuse } from '../responders/refusal';
import type { Store } from '../store/store';
import { DIGEST_MEMBER_PREFIX } from './storm-digests';

/**
 * « Ouvrir la carte » on a storm digest: the incident leaves the digest and gets its own card in
 * each channel where the digest listed it (posted by the card sync, at Slack's pace). Audited.
 */
export async function openCardFromDigest(
  store: Store,
  clock: Clock,
  incidentId: string,
  user: string,
): Promise<ActionResult> {
  try {
    const incident = await store.incidents.get(incidentId);
    if (incident === null) return refuse({ code: 'unknown_incident', incidentId });
    const listed = (await store.cards.list(incidentId)).filter((r) => r.digest !== undefined);
    const now = clock.now();
    for (const ref of listed) {
      // Its thread starts with the card: what happened before is on the card and the digest.
      await store.cards.put(incidentId, {
        channel: ref.channel,
        channelId: '',
        ts: '',
        threadedSeq: incident.timeline.at(-1)?.seq ?? 0,
      });
      if (ref.digest === undefined) continue;
      await store.digests.leave(ref.digest, incidentId);
      await store.cardSync.mark(`${DIGEST_MEMBER_PREFIX}${ref.digest}`, now, true);
    }
    // A responder asked: urgent marks, due at once even while the cards wait for their channel's budget.
    await store.cardSync.mark(incidentId, now, true);
    await store.audit.append(incidentId, {
      at: now,
      actor: user,
      action: 'card.open_from_digest',
      params: { channels: listed.map((r) => r.channel).join(',') },
      outcome: listed.length > 0 ? 'card_requested' : 'already_on_its_card',
    });
    return done(undefined);
  } catch (error) {
    if (error instanceof StoreUnavailableError) return refuse({ code: 'store_unavailable' });
    throw error;
  }
}
