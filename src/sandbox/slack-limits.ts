import type { PacedMethod } from '../slack/pacing/slack-tiers';
import { METHOD_TIERS, slackLimit } from '../slack/pacing/slack-tiers';
import { TokenBuckets } from './token-bucket';

/**
 * Slack's rate limits as the emulator enforces them, from the same tier table Vigie budgets with:
 * chat.postMessage per channel, every other tiered method per workspace. Past a limit the call gets
 * HTTP 429 with Retry-After, as from Slack.
 */
export class SlackLimits {
  private readonly buckets = new Map<PacedMethod, TokenBuckets>();

  /** 0 if the call may go now (and counts), else the milliseconds until it may. */
  take(method: string, channelId: string, now: number): number {
    if (!(method in METHOD_TIERS)) return 0;
    const paced = method as PacedMethod;
    const limit = slackLimit(paced);
    let buckets = this.buckets.get(paced);
    if (buckets === undefined) {
      buckets = new TokenBuckets(limit.perSecond, limit.burst);
      this.buckets.set(paced, buckets);
    }
    return buckets.take(limit.scope === 'channel' ? channelId : 'workspace', now);
  }
}
