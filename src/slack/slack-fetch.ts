import { STATUS_CODES } from 'node:http';
import type { Readable } from 'node:stream';
import type { FetchFunction } from '@slack/web-api';
import { Agent, request } from 'undici';

type FetchInit = NonNullable<Parameters<FetchFunction>[1]>;
type FetchAnswer = Awaited<ReturnType<FetchFunction>>;

/** Slack's answers (Web API, response_url) are small; a bigger one is refused, not buffered. */
export const SLACK_ANSWER_MAX_BYTES = 8 * 1024 * 1024;
/** Without a caller's deadline (Bolt's `respond` gives none), a call still ends. */
export const SLACK_CALL_TIMEOUT_MS = 10_000;

/**
 * Connections to Slack kept open between calls (one pool per origin), each call bounded in time. Idle
 * connections close after undici's default few seconds (or the server's Keep-Alive hint): a POST sent
 * on a connection the server is closing is not retried, so it is kept short.
 */
export function slackDispatcher(): Agent {
  return new Agent({
    connections: 32,
    headersTimeout: SLACK_CALL_TIMEOUT_MS,
    bodyTimeout: SLACK_CALL_TIMEOUT_MS,
  });
}

/** Where a call went, for an error message: the origin only (a response_url's path is its secret). */
function originOf(url: string | URL): string {
  try {
    return new URL(url).origin;
  } catch {
    return '<URL invalide>';
  }
}

function answerHeaders(raw: Record<string, string | string[] | undefined>): FetchAnswer['headers'] {
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) headers.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value);
  }
  return { get: (name) => headers.get(name.toLowerCase()) ?? null, entries: () => headers.entries() };
}

/**
 * An answer's body, refused (RangeError naming `origin`) past SLACK_ANSWER_MAX_BYTES. Read with
 * events: an async iterator cost a promise per chunk, on every click's private answer.
 */
function readCapped(body: Readable, origin: string): Promise<ReturnType<typeof Buffer.concat>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    body.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= SLACK_ANSWER_MAX_BYTES) return void chunks.push(chunk);
      body.destroy();
      reject(new RangeError(`${origin} answered more than ${SLACK_ANSWER_MAX_BYTES} bytes`));
    });
    body.once('end', () => resolve(Buffer.concat(chunks)));
    body.once('error', reject);
  });
}

/**
 * The `fetch` Bolt (each `respond` to a response_url) and the Web API client (every Slack call) use:
 * undici's `request` on a keep-alive pool. The global `fetch` costs ~0.5 ms of CPU per call in WHATWG
 * streams, ~4× this, and a click's private answer is on the path every responder's ack shares.
 * Only what those clients send is handled: a string body (anything else, a file upload, goes to the
 * global fetch), no redirect followed (Slack's API never redirects; `redirect: 'error'` is honoured).
 */
export function slackFetch(dispatcher: Agent): FetchFunction {
  return async (url, init: FetchInit = {}) => {
    if (init.body !== undefined && typeof init.body !== 'string') return globalThis.fetch(url, init);
    const answer = await request(url, {
      dispatcher,
      method: init.method ?? 'GET',
      headers: init.headers,
      body: init.body,
      signal: init.signal,
    });
    if (answer.statusCode >= 300 && answer.statusCode < 400 && init.redirect !== 'manual') {
      answer.body.resume();
      throw new TypeError(
        `${originOf(url)} answered with a redirect (HTTP ${answer.statusCode}), not followed`,
      );
    }
    const bytes = await readCapped(answer.body, originOf(url));
    const status = answer.statusCode;
    return {
      ok: status >= 200 && status < 300,
      status,
      statusText: STATUS_CODES[status] ?? '',
      url: String(url),
      headers: answerHeaders(answer.headers),
      text: () => Promise.resolve(bytes.toString('utf8')),
      // A throw inside the executor rejects: malformed JSON is a rejected promise, as with fetch.
      json: () => new Promise<unknown>((resolve) => resolve(JSON.parse(bytes.toString('utf8')))),
      arrayBuffer: () =>
        Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)),
    };
  };
}
