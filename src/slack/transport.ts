import type { SlackMessage } from './blocks/incident-card';
import type { WritePriority } from './pacing/priority';

/** Where a posted message lives: Slack answers a channel name with the channel's id. */
export interface PostedMessage {
  channelId: string;
  ts: string;
}

/** Slack message metadata: lets Vigie find its own card again after a crash (event type + payload). */
export interface MessageMetadata {
  eventType: string;
  payload: Record<string, string>;
}

export interface MetadataQuery {
  channel: string;
  /** Look among this thread's replies instead of the channel's messages. */
  threadTs?: string;
  sinceMs: number;
  eventType: string;
  /** Every field must match. */
  payload: Record<string, string>;
}

export interface SendOptions {
  threadTs?: string;
  /** Which write goes first when Slack's budget is short (default `thread`). */
  priority?: WritePriority;
  metadata?: MessageMetadata;
}

/** The chat operations Vigie needs; the Slack Web API implements it (Hubot-style adapter). */
export interface ChatTransport {
  /** Posts a message, or a reply in a thread when `options.threadTs` is given. */
  postMessage(channel: string, message: SlackMessage, options?: SendOptions): Promise<PostedMessage>;
  updateMessage(
    channelId: string,
    ts: string,
    message: SlackMessage,
    options?: { priority?: WritePriority },
  ): Promise<void>;
  /** Shares a text file in a message's thread (the post-mortem draft), with a line saying what it is. */
  uploadFile(
    channelId: string,
    threadTs: string,
    file: { filename: string; title: string; content: string; comment: string },
  ): Promise<void>;
  /**
   * How long a write of this kind would wait for Slack's budget now (0: it would go), taking nothing:
   * lets a caller skip the work of building a message that could not be sent yet.
   */
  wouldWait?(
    method: 'chat.postMessage' | 'chat.update',
    channel: string,
    priority: WritePriority,
  ): Promise<number>;
  /**
   * Vigie's own message whose outcome was lost (the process died or timed out mid-call), found by its
   * metadata among the recent messages of a channel (`threadTs` unset) or of a thread.
   */
  findByMetadata(query: MetadataQuery): Promise<PostedMessage | undefined>;
}

/** Slack said 429, or Vigie's own budget for Slack says wait: try again in `retryAfterMs`. */
export class RateLimitedError extends Error {
  constructor(
    readonly retryAfterMs: number,
    /** True when Slack itself answered 429 (not Vigie's budget). */
    readonly fromSlack = false,
  ) {
    super(`rate limited for ${retryAfterMs} ms`);
  }
}

/** A failure a later retry may fix: network, timeout, Slack 5xx. */
export class TransientChatError extends Error {}

/** A failure retrying will not fix: invalid blocks, unknown channel, bad token. */
export class PermanentChatError extends Error {
  constructor(readonly slackError: string) {
    super(`Slack refused the call: ${slackError}`);
  }
}
