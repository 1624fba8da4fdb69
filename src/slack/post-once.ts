import type { Clock } from '../incidents/ports';
import type { SlackMessage } from './blocks/primitives';
import type { ChatTransport, MessageMetadata, PostedMessage } from './transport';
import { PermanentChatError, RateLimitedError } from './transport';

/** How far before a lost post's recorded start its message is looked for (clocks differ a little). */
export const LOST_POST_LOOKBACK_MS = 60_000;

export interface PostOnce {
  transport: ChatTransport;
  clock: Clock;
  channel: string;
  /** The metadata the message carries, by which a post whose outcome was lost is found again. */
  metadata: MessageMetadata;
  /** When an earlier attempt started posting and never learnt the outcome (crash, timeout); else undefined. */
  postingSince: number | undefined;
  /** Waits for Slack's budget; throws RateLimitedError when the post cannot go now. */
  budget: () => Promise<void>;
  render: () => SlackMessage | Promise<SlackMessage>;
  /** Records that a post is starting (from `since`), before it is sent. */
  starting: (since: number) => Promise<void>;
  /** Records that nothing was posted (Slack refused, or its budget said wait). */
  nothingPosted: () => Promise<void>;
  /** Records the message, posted now (with what it holds) or found again (`message` undefined: unknown). */
  posted: (where: PostedMessage, message: SlackMessage | undefined) => Promise<void>;
}

/**
 * Posts a message at most once across crashes and retries: the intent is recorded before the post, a
 * post whose outcome was lost is looked for by its metadata before another is sent, and a post Slack
 * refused or deferred is recorded as nothing posted. Used by the card and the storm digest.
 */
export async function postOnce(o: PostOnce): Promise<'posted' | 'found'> {
  if (o.postingSince !== undefined) {
    const found = await o.transport.findByMetadata({
      channel: o.channel,
      sinceMs: o.postingSince - LOST_POST_LOOKBACK_MS,
      eventType: o.metadata.eventType,
      payload: o.metadata.payload,
    });
    if (found !== undefined) {
      await o.posted(found, undefined);
      return 'found';
    }
  }
  await o.budget();
  const message = await o.render();
  await o.starting(o.clock.now());
  let where: PostedMessage;
  try {
    where = await o.transport.postMessage(o.channel, message, { priority: 'urgent', metadata: o.metadata });
  } catch (error) {
    // Refused or rate limited: nothing was posted, so there is nothing to look for next time.
    if (error instanceof RateLimitedError || error instanceof PermanentChatError) await o.nothingPosted();
    throw error;
  }
  await o.posted(where, message);
  return 'posted';
}
