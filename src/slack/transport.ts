import type { SlackMessage } from './blocks/incident-card';

/** Where a posted message lives: Slack answers a channel name with the channel's id. */
export interface PostedMessage {
  channelId: string;
  ts: string;
}

/** The chat operations the card notifier needs; the Slack Web API implements it (Hubot-style adapter). */
export interface ChatTransport {
  /** Posts a message, or a reply in a thread when `threadTs` is given. */
  postMessage(channel: string, message: SlackMessage, threadTs?: string): Promise<PostedMessage>;
  updateMessage(channelId: string, ts: string, message: SlackMessage): Promise<void>;
  /** Shares a text file in a message's thread (the post-mortem draft). */
  uploadFile(
    channelId: string,
    threadTs: string,
    file: { filename: string; title: string; content: string },
  ): Promise<void>;
  /** A link to a message (for emails and pages); undefined if Slack cannot give one. */
  permalink(channelId: string, ts: string): Promise<string | undefined>;
}

/** Slack said 429: this channel (or method) must wait `retryAfterMs`. */
export class RateLimitedError extends Error {
  constructor(readonly retryAfterMs: number) {
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
