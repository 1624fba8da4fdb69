import {
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
} from '@slack/web-api';
import type { WebClient } from '@slack/web-api';
import type { Metrics } from '../observability/metrics';
import type { SlackMessage } from './blocks/incident-card';
import type { ChatTransport, MetadataQuery, PostedMessage, SendOptions } from './transport';
import { PermanentChatError, RateLimitedError, TransientChatError } from './transport';

/** Slack errors that a retry can fix. */
const TRANSIENT_SLACK_ERRORS = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'ratelimited',
]);

/**
 * The Web API behind ChatTransport. The WebClient must be built with retries off and
 * `rejectRateLimitedCalls: true` (see `slackClientOptions`): its own retry would pause every call for
 * up to 30 minutes on one channel's 429, where the notifier pauses only that channel.
 */
export class WebChatTransport implements ChatTransport {
  private readonly channelIds = new Map<string, string>();

  constructor(
    private readonly client: WebClient,
    private readonly metrics: Metrics,
  ) {}

  async postMessage(
    channel: string,
    message: SlackMessage,
    options: SendOptions = {},
  ): Promise<PostedMessage> {
    const { threadTs, metadata } = options;
    const result = await this.call('chat.postMessage', () =>
      this.client.chat.postMessage({
        channel,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        ...(threadTs === undefined ? {} : { thread_ts: threadTs }),
        ...(metadata === undefined
          ? {}
          : { metadata: { event_type: metadata.eventType, event_payload: metadata.payload } }),
      }),
    );
    if (result.channel === undefined || result.ts === undefined)
      throw new TransientChatError('chat.postMessage returned no channel/ts');
    return { channelId: result.channel, ts: result.ts };
  }

  async updateMessage(channelId: string, ts: string, message: SlackMessage): Promise<void> {
    await this.call('chat.update', () =>
      this.client.chat.update({ channel: channelId, ts, text: message.text, blocks: message.blocks }),
    );
  }

  async uploadFile(
    channelId: string,
    threadTs: string,
    file: { filename: string; title: string; content: string; comment: string },
  ): Promise<void> {
    const { comment, ...shared } = file;
    await this.call('files.uploadV2', () =>
      this.client.filesUploadV2({
        channel_id: channelId,
        thread_ts: threadTs,
        initial_comment: comment,
        ...shared,
      }),
    );
  }

  async findByMetadata(query: MetadataQuery): Promise<PostedMessage | undefined> {
    const channelId = await this.channelId(query.channel);
    if (channelId === undefined) return undefined;
    const common = {
      channel: channelId,
      oldest: (query.sinceMs / 1000).toFixed(6),
      include_all_metadata: true,
      limit: 200,
    };
    const messages =
      query.threadTs === undefined
        ? ((await this.call('conversations.history', () => this.client.conversations.history(common)))
            .messages ?? [])
        : ((
            await this.call('conversations.replies', () =>
              this.client.conversations.replies({ ...common, ts: query.threadTs ?? '' }),
            )
          ).messages ?? []);
    const found = messages.find((m) => {
      const payload = m.metadata?.event_payload as Record<string, unknown> | undefined;
      return (
        m.ts !== query.threadTs &&
        (query.threadTs !== undefined || m.thread_ts === undefined) &&
        m.metadata?.event_type === query.eventType &&
        Object.entries(query.payload).every(([field, value]) => payload?.[field] === value)
      );
    });
    return found?.ts === undefined ? undefined : { channelId, ts: found.ts };
  }

  /** conversations.history wants an id: a `#name` is looked up once (conversations.list). */
  private async channelId(channel: string): Promise<string | undefined> {
    if (/^[CGD][A-Z0-9]{2,}$/.test(channel)) return channel;
    const name = channel.replace(/^#/, '');
    const known = this.channelIds.get(name);
    if (known !== undefined) return known;
    let cursor: string | undefined;
    do {
      const page = await this.call('conversations.list', () =>
        this.client.conversations.list({
          types: 'public_channel,private_channel',
          exclude_archived: true,
          limit: 1000,
          ...(cursor === undefined ? {} : { cursor }),
        }),
      );
      for (const c of page.channels ?? [])
        if (c.name !== undefined && c.id !== undefined) this.channelIds.set(c.name, c.id);
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor !== undefined && !this.channelIds.has(name));
    return this.channelIds.get(name);
  }

  private async call<T>(method: string, run: () => Promise<T>): Promise<T> {
    try {
      const result = await run();
      this.metrics.slackApiCalls.inc({ method, outcome: 'ok' });
      return result;
    } catch (error) {
      throw this.classify(method, error);
    }
  }

  private classify(method: string, error: unknown): Error {
    if (error instanceof WebAPIRateLimitedError) {
      this.metrics.slackApiCalls.inc({ method, outcome: 'rate_limited' });
      return new RateLimitedError(Math.max(1, error.retryAfter) * 1000, true);
    }
    if (error instanceof WebAPIPlatformError) {
      const code = error.data.error;
      this.metrics.slackApiCalls.inc({
        method,
        outcome: TRANSIENT_SLACK_ERRORS.has(code) ? 'unavailable' : 'error',
      });
      return TRANSIENT_SLACK_ERRORS.has(code)
        ? new TransientChatError(`${method}: ${code}`)
        : new PermanentChatError(code);
    }
    if (error instanceof WebAPIHTTPError) {
      const transient = error.statusCode >= 500 || error.statusCode === 408;
      this.metrics.slackApiCalls.inc({ method, outcome: transient ? 'unavailable' : 'error' });
      return transient
        ? new TransientChatError(`${method}: HTTP ${error.statusCode}`)
        : new PermanentChatError(`http_${error.statusCode}`);
    }
    this.metrics.slackApiCalls.inc({ method, outcome: 'unavailable' });
    const reason = error instanceof WebAPIRequestError ? error.original.message : (error as Error).message;
    return new TransientChatError(`${method}: ${reason}`);
  }
}

/** WebClient options for Vigie: no hidden retries, 429s surfaced at once, bounded call time. */
export function slackClientOptions(apiUrl: string | undefined): {
  slackApiUrl?: string;
  retryConfig: { retries: number };
  rejectRateLimitedCalls: boolean;
  timeout: number;
} {
  return {
    ...(apiUrl === undefined ? {} : { slackApiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` }),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
  };
}
