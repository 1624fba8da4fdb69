/**
 * Which Slack writes go first when the budget is short. A write may only take a token while more
 * than its reserve remains, so lower priorities leave headroom for higher ones:
 * - `urgent`: a new incident's card, paging-related messages (escalations, fallback mentions);
 * - `state`: a card whose status or severity changed;
 * - `thread`: thread replies, other changes of a card (notes, triage…), files, reminders;
 * - `cosmetic`: a card rendered again for the same incident version (durations, budget figures).
 */
export type WritePriority = 'urgent' | 'state' | 'thread' | 'cosmetic';

const RESERVED_SHARE: Record<WritePriority, number> = { urgent: 0, state: 0.25, thread: 0.5, cosmetic: 0.75 };

/** Tokens a write of this priority must leave in a bucket of `burst`. */
export function reserveFor(priority: WritePriority, burst: number): number {
  return Math.floor(burst * RESERVED_SHARE[priority]);
}
