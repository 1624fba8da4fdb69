import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebClient } from '@slack/web-api';
import {
  SLACK_ANSWER_MAX_BYTES,
  SLACK_CALL_TIMEOUT_MS,
  slackDispatcher,
  slackFetch,
} from '../../../src/slack/slack-fetch';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A real HTTP server answering each request with `answer`, recording what it received. */
async function server(answer: (req: Seen, res: http.ServerResponse) => void) {
  const seen: Seen[] = [];
  const s = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      seen.push(r);
      answer(r, res);
    });
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`,
    seen,
    close: () => {
      s.closeAllConnections();
      return new Promise<void>((r) => s.close(() => r()));
    },
  };
}

describe('slackFetch: the fetch Bolt and the Web API client call Slack with', () => {
  const dispatcher = slackDispatcher();
  const fetchFn = slackFetch(dispatcher);
  afterAll(() => dispatcher.close());

  it('sends method, headers and body; answers status, headers (any case), text and JSON', async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'Retry-After': '3' });
      res.end('{"ok":true}');
    });
    try {
      const answer = await fetchFn(`${s.url}/response/r1`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"text":"Déjà pris en charge"}',
      });
      expect(s.seen[0]).toMatchObject({
        method: 'POST',
        url: '/response/r1',
        body: '{"text":"Déjà pris en charge"}',
      });
      expect(s.seen[0]?.headers['content-type']).toBe('application/json');
      expect(answer).toMatchObject({ ok: true, status: 200, statusText: 'OK' });
      expect(answer.headers.get('retry-after')).toBe('3');
      expect(answer.headers.get('Content-Type')).toBe('application/json');
      expect(await answer.json()).toEqual({ ok: true });
      expect(await answer.text()).toBe('{"ok":true}');
    } finally {
      await s.close();
    }
  });

  it('reports an error status as not ok, with its body', async () => {
    const s = await server((_req, res) => {
      res.writeHead(404);
      res.end('no_such_response_url');
    });
    try {
      const answer = await fetchFn(`${s.url}/response/gone`, { method: 'POST', body: '{}' });
      expect(answer).toMatchObject({ ok: false, status: 404, statusText: 'Not Found' });
      expect(await answer.text()).toBe('no_such_response_url');
      await expect(answer.json()).rejects.toThrow(SyntaxError);
    } finally {
      await s.close();
    }
  });

  it('follows no redirect, and refuses an answer bigger than the bound', async () => {
    const s = await server((req, res) => {
      if (req.url === '/moved') {
        res.writeHead(302, { location: '/elsewhere' });
        res.end();
      } else {
        res.writeHead(200);
        res.end(Buffer.alloc(SLACK_ANSWER_MAX_BYTES + 1, 'x'));
      }
    });
    try {
      // The error names the origin only: a response_url's path is its secret.
      await expect(fetchFn(`${s.url}/moved`, { method: 'POST', redirect: 'error' })).rejects.toThrow(
        `${s.url} answered with a redirect (HTTP 302), not followed`,
      );
      await expect(fetchFn(`${s.url}/huge`)).rejects.toThrow(`${s.url} answered more than 8388608 bytes`);
      expect(s.seen.map((r) => r.url)).toEqual(['/moved', '/huge']);
    } finally {
      await s.close();
    }
  });

  it("stops at the caller's deadline, and at its own when the caller gives none", async () => {
    const s = await server(() => undefined);
    try {
      const t0 = performance.now();
      await expect(
        fetchFn(`${s.url}/api/chat.update`, { method: 'POST', signal: AbortSignal.timeout(200) }),
      ).rejects.toThrow();
      expect(performance.now() - t0).toBeLessThan(2000);
      const t1 = performance.now();
      await expect(fetchFn(`${s.url}/response/hangs`, { method: 'POST', body: '{}' })).rejects.toThrow(
        /timeout/i,
      );
      const waited = performance.now() - t1;
      expect(waited).toBeGreaterThanOrEqual(SLACK_CALL_TIMEOUT_MS - 100);
      expect(waited).toBeLessThan(SLACK_CALL_TIMEOUT_MS + 3000);
    } finally {
      await s.close();
    }
  }, 20_000);

  it('carries a Web API call: form body out, the method result back', async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true,"channel":"C1","ts":"1.2"}');
    });
    try {
      const client = new WebClient('xoxb-test', { slackApiUrl: `${s.url}/api/`, fetch: fetchFn });
      const posted = await client.chat.postMessage({ channel: 'C1', text: 'Incident INC-1' });
      expect(posted).toMatchObject({ ok: true, channel: 'C1', ts: '1.2' });
      expect(s.seen[0]?.url).toBe('/api/chat.postMessage');
      expect(s.seen[0]?.headers.authorization).toBe('Bearer xoxb-test');
      expect(new URLSearchParams(s.seen[0]?.body).get('text')).toBe('Incident INC-1');
    } finally {
      await s.close();
    }
  });
});
