import type { Incident } from '../incidents/types';
import type { CardRef, CardRefStore } from '../store/store';
import type { WritePriority } from './pacing/priority';
import type { ChatTransport } from './transport';
import { RateLimitedError } from './transport';

/**
 * Throws RateLimitedError when Slack's budget could not take this write now: asked before rendering,
 * which costs more than asking.
 */
export async function requireBudget(
  transport: ChatTransport,
  method: 'chat.postMessage' | 'chat.update',
  channel: string,
  priority: WritePriority,
): Promise<void> {
  const wait = (await transport.wouldWait?.(method, channel, priority)) ?? 0;
  if (wait > 0) throw new RateLimitedError(wait);
}

/** The card's ref as stored now (the card's other write of this sync may have moved it). */
export async function currentRef(cards: CardRefStore, incident: Incident, ref: CardRef): Promise<CardRef> {
  const refs = await cards.list(incident.id);
  return refs.find((r) => r.channel === ref.channel) ?? ref;
}
