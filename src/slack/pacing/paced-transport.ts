import type { Clock } from '../../incidents/ports';
import type { Logger } from '../../observability/logger';
import type { BucketSpec, RateBudget } from '../../store/store';
import type { SlackMessage } from '../blocks/primitives';
import type { ChatTransport, MetadataQuery, PostedMessage, SendOptions } from '../transport';
import { RateLimitedError } from '../transport';
import type { WritePriority } from './priority';
import { reserveFor } from './priority';
import type { PacedMethod } from './slack-tiers';
import { vigieBudget } from './slack-tiers';

/** The bucket key of a method's budget: per channel for chat.postMessage, else the workspace's. */
export function bucketKey(method: PacedMethod, channel: string): string {
  return vigieBudget(method).scope === 'channel' ? `${method}:${channel.replace(/^#/, '')}` : method;
}

/**
 * The one way out to Slack for every write Vigie makes (cards, thread replies, escalation messages,
 * DMs, reminders, files): each call first takes a token from the method's budget, shared by every
 * replica through the store; when none is left it throws RateLimitedError with the wait, without
 * calling Slack. A 429 from Slack pauses that method (and channel) for every replica until its
 * Retry-After. Callers treat RateLimitedError as "try this item again later", never as a failure.
 */
export class PacedChatTransport implements ChatTransport {
  constructor(
    private readonly inner: ChatTransport,
    private readonly budget: RateBudget,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async postMessage(
    channel: string,
    message: SlackMessage,
    options: SendOptions = {},
  ): Promise<PostedMessage> {
    const key = bucketKey('chat.postMessage', channel);
    await this.admit('chat.postMessage', key, options.priority ?? 'thread');
    return this.paused(key, () => this.inner.postMessage(channel, message, options));
  }

  async updateMessage(
    channelId: string,
    ts: string,
    message: SlackMessage,
    options: { priority?: WritePriority } = {},
  ): Promise<void> {
    const key = bucketKey('chat.update', channelId);
    await this.admit('chat.update', key, options.priority ?? 'state');
    await this.paused(key, () => this.inner.updateMessage(channelId, ts, message, options));
  }

  async uploadFile(
    channelId: string,
    threadTs: string,
    file: { filename: string; title: string; content: string; comment: string },
  ): Promise<void> {
    // files.uploadV2 is two Tier 4 calls (get an upload URL, complete the upload).
    const keys = ['files.getUploadURLExternal', 'files.completeUploadExternal'] as const;
    await this.admitAll(
      keys.map((method) => this.spec(method, bucketKey(method, channelId), 'thread')),
      'files.uploadV2',
    );
    await this.paused(keys[0], () => this.inner.uploadFile(channelId, threadTs, file));
  }

  wouldWait(
    method: 'chat.postMessage' | 'chat.update',
    channel: string,
    priority: WritePriority,
  ): Promise<number> {
    return this.budget.peek([this.spec(method, bucketKey(method, channel), priority)], this.clock.now());
  }

  async findByMetadata(query: MetadataQuery): Promise<PostedMessage | undefined> {
    const method = query.threadTs === undefined ? 'conversations.history' : 'conversations.replies';
    const key = bucketKey(method, query.channel);
    await this.admit(method, key, 'urgent');
    return this.paused(key, () => this.inner.findByMetadata(query));
  }

  private spec(method: PacedMethod, key: string, priority: WritePriority): BucketSpec {
    const { perSecond, burst } = vigieBudget(method);
    return { key, perSecond, burst, reserve: reserveFor(priority, burst) };
  }

  private admit(method: PacedMethod, key: string, priority: WritePriority): Promise<void> {
    return this.admitAll([this.spec(method, key, priority)], method);
  }

  private async admitAll(specs: BucketSpec[], method: string): Promise<void> {
    const wait = await this.budget.take(specs, this.clock.now());
    if (wait > 0) throw new RateLimitedError(wait);
    this.logger.trace({ method }, 'slack write admitted');
  }

  /** Runs the call; Slack's own 429 pauses the bucket for every replica. */
  private async paused<T>(key: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof RateLimitedError && error.fromSlack) {
        await this.budget.pause(key, this.clock.now() + error.retryAfterMs);
        this.logger.warn(
          { bucket: key, retryAfterMs: error.retryAfterMs },
          'Slack rate limit: bucket paused',
        );
      }
      throw error;
    }
  }
}
