import type { Clock } from '../incidents/ports';
import type { Incident, TimelineEntry } from '../incidents/types';
import { THREAD_WORTHY } from '../incidents/types';
import type { CardRef, CardRefStore } from '../store/store';
import type { SlackMessage } from './blocks/primitives';
import { currentRef, requireBudget } from './card-writes';
import { LOST_POST_LOOKBACK_MS } from './post-once';
import type { ChatTransport } from './transport';
import { PermanentChatError, RateLimitedError } from './transport';

/** The metadata event type on thread replies: a reply whose outcome was lost is found again. */
export const THREAD_EVENT_TYPE = 'vigie_thread';

export interface ThreadDeps {
  cards: CardRefStore;
  /** The paced transport: a call Slack's budget cannot take now throws RateLimitedError. */
  transport: ChatTransport;
  /**
   * One thread reply announcing significant timeline entries (mitigation results, resolution…): as
   * many of them, in order, as one message holds (`shown`, at least one).
   */
  renderThread: (incident: Incident, entries: TimelineEntry[]) => SlackMessage & { shown: number };
  clock: Clock;
}

/**
 * Posts the significant entries the card's thread has not seen yet, as one reply, in order: all of
 * them, or as many as one message holds — then it says 'more' and the rest go in the next reply. The
 * reply carries metadata (incident, last entry) and its intent is recorded first, so a reply whose
 * outcome was lost is found in the thread rather than posted twice.
 */
export async function announceInThread(
  deps: ThreadDeps,
  incident: Incident,
  ref: CardRef,
): Promise<'done' | 'more'> {
  const { cards, transport, clock } = deps;
  const current = await currentRef(cards, incident, ref);
  const pending = incident.timeline.filter((e) => e.seq > current.threadedSeq && THREAD_WORTHY.has(e.kind));
  const last = pending.at(-1);
  if (last === undefined) return 'done';
  const lost = current.threadPending;
  if (lost !== undefined) {
    const found = await transport.findByMetadata({
      channel: ref.channel,
      threadTs: ref.ts,
      sinceMs: lost.since - LOST_POST_LOOKBACK_MS,
      eventType: THREAD_EVENT_TYPE,
      payload: { incident_id: incident.id, up_to: String(lost.upTo) },
    });
    if (found !== undefined) {
      await cards.put(incident.id, { ...current, threadedSeq: lost.upTo, threadPending: undefined });
      // What came after the reply found is posted next time.
      return lost.upTo < last.seq ? 'more' : 'done';
    }
  }
  const reply = deps.renderThread(incident, pending);
  const upTo = pending[Math.max(1, reply.shown) - 1]?.seq ?? last.seq;
  const payload = { incident_id: incident.id, up_to: String(upTo) };
  await requireBudget(transport, 'chat.postMessage', ref.channel, 'thread');
  await cards.put(incident.id, { ...current, threadPending: { upTo, since: clock.now() } });
  try {
    await transport.postMessage(
      ref.channel,
      { text: reply.text, blocks: reply.blocks },
      {
        threadTs: ref.ts,
        priority: 'thread',
        metadata: { eventType: THREAD_EVENT_TYPE, payload },
      },
    );
  } catch (error) {
    // Refused or rate limited: nothing was posted, nothing to look for next time.
    if (error instanceof RateLimitedError || error instanceof PermanentChatError)
      await cards.put(incident.id, { ...(await currentRef(cards, incident, ref)), threadPending: undefined });
    throw error;
  }
  const latest = await currentRef(cards, incident, ref);
  await cards.put(incident.id, { ...latest, threadedSeq: upTo, threadPending: undefined });
  return upTo < last.seq ? 'more' : 'done';
}
