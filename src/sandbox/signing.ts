import { createHmac } from 'node:crypto';
import { request } from 'undici';

/** Slack's request signature: v0=HMAC_SHA256(secret, "v0:" + timestamp + ":" + body). */
export function slackSignature(signingSecret: string, timestampSeconds: number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${body}`).digest('hex')}`;
}

export interface SignedRequestOptions {
  /** Sign with another secret (a forged request). */
  secret?: string;
  /** Seconds to shift the timestamp by (a stale request is more than 300 s old). */
  skewSeconds?: number;
  retryNum?: number;
  /** When Slack signs it (ms): the emulator's clock, which tests may set; default now. */
  signedAt?: number;
}

/**
 * POSTs a body to Vigie's /slack/events signed the way Slack signs it. Through undici's `request`: the
 * emulator and the benchmarks' click load share the machine with Vigie, and the global fetch cost
 * several times more CPU per request.
 */
export async function postSigned(
  url: string,
  signingSecret: string,
  body: string,
  contentType: string,
  options: SignedRequestOptions = {},
): Promise<{ status: number; body: string }> {
  const timestamp = Math.floor((options.signedAt ?? Date.now()) / 1000) + (options.skewSeconds ?? 0);
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(options.secret ?? signingSecret, timestamp, body),
  };
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  const response = await request(url, { method: 'POST', headers, body });
  return { status: response.statusCode, body: await response.body.text() };
}
