import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Slack signs each request; one older than this is refused (Slack's own rule: 5 minutes). */
export const SIGNATURE_MAX_AGE_MS = 5 * 60_000;

export type SignatureCheck = { ok: true; signature: string } | { ok: false; reason: string };

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
};

/** Slack's request signature: v0=HMAC_SHA256(secret, "v0:" + timestamp + ":" + body), compared in constant time. */
export function verifySlackSignature(
  signingSecret: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
  now: number,
): SignatureCheck {
  const timestamp = header(headers, 'x-slack-request-timestamp');
  const signature = header(headers, 'x-slack-signature');
  if (timestamp === undefined || signature === undefined) return { ok: false, reason: 'unsigned request' };
  const seconds = Number(timestamp);
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now - seconds * 1000) > SIGNATURE_MAX_AGE_MS)
    return { ok: false, reason: 'stale or malformed timestamp' };
  const expected = Buffer.from(
    `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:`).update(body).digest('hex')}`,
  );
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'bad signature' };
  return { ok: true, signature };
}
