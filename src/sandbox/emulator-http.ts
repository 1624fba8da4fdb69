import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Fault, Params } from './emulator-state';
import type { ApiReply } from './emulator-web-api';

/** HTTP plumbing of the Slack emulator: how Slack answers, fails, and reads Web API bodies. */

export function faultReply(fault: Fault): ApiReply {
  if ('error' in fault) return [200, { ok: false, error: fault.error }];
  if (fault.status === 429)
    return [429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(fault.retryAfterSeconds) }];
  return [fault.status, { ok: false, error: 'internal_error' }];
}

export function reply(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/** Web API bodies come form-encoded (the Node SDK) or as JSON. */
export async function readParams(req: IncomingMessage): Promise<Params> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if ((req.headers['content-type'] ?? '').includes('application/json'))
    return text === '' ? {} : (JSON.parse(text) as Params);
  return Object.fromEntries(new URLSearchParams(text));
}
