import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatedFile, Fault, Params } from './emulator-state';
import type { ApiReply } from './emulator-web-api';

/** HTTP plumbing of the Slack emulator: how Slack answers, fails, and reads Web API bodies. */

export function faultReply(fault: Exclude<Fault, { replyDelayMs: number }>): ApiReply {
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

/** The bytes of an upload (files upload v2, step 2): kept until files.completeUploadExternal shares them. */
export async function receiveUpload(
  files: Map<string, EmulatedFile>,
  id: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const file = files.get(id);
  if (file === undefined) return reply(res, 404, { ok: false, error: 'file_not_found' });
  file.content = multipartContent(Buffer.concat(chunks).toString('utf8'), req.headers['content-type'] ?? '');
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end(`OK - ${file.content.length}`);
}

/** The first part of a multipart/form-data body (how the Slack SDK uploads a file), or the body itself. */
function multipartContent(body: string, contentType: string): string {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  const marker = boundary?.[1] ?? boundary?.[2];
  if (marker === undefined) return body;
  const part = body.split(`--${marker}`)[1] ?? '';
  const start = part.indexOf('\r\n\r\n');
  return start < 0 ? part : part.slice(start + 4).replace(/\r\n$/, '');
}
