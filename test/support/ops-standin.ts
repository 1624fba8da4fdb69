import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  at: number;
  /** Set once a reply was written: a request whose client died before the reply stays unanswered. */
  answeredWith: number | undefined;
}

export interface Scripted {
  status: number;
  body?: unknown;
  delayMs?: number;
}

/** An HTTP service at the network boundary (the ops API, PagerDuty): records every request, answers as scripted. */
export class OpsStandIn {
  readonly requests: RecordedRequest[] = [];
  private readonly scripts: Array<{
    match: (method: string, path: string) => boolean;
    reply: Scripted;
    times: number;
  }> = [];
  private server: http.Server | undefined;
  private readonly pending = new Set<NodeJS.Timeout>();
  url = '';

  /** `defaultStatus`: what an unscripted request gets (PagerDuty answers 202). */
  constructor(private readonly defaultStatus = 200) {}

  /** The next `times` requests matching `pathPart` (and method, if given) get `reply`. */
  script(pathPart: string, reply: Scripted, times = 1, method?: string): void {
    this.scripts.push({
      match: (m, p) => p.includes(pathPart) && (method === undefined || m === method),
      reply,
      times,
    });
  }

  /** Forgets scripted replies: every request gets the default answer from now on. */
  unscript(): void {
    this.scripts.length = 0;
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const path = req.url ?? '/';
        const method = req.method ?? 'GET';
        const record: RecordedRequest = {
          method,
          path,
          headers: req.headers,
          body: text === '' ? undefined : (JSON.parse(text) as unknown),
          at: Date.now(),
          answeredWith: undefined,
        };
        this.requests.push(record);
        const index = this.scripts.findIndex((s) => s.match(method, path));
        const scripted = this.scripts[index];
        if (scripted !== undefined && --scripted.times <= 0) this.scripts.splice(index, 1);
        const reply = scripted?.reply ?? {
          status: this.defaultStatus,
          body: { message: `ok: ${method} ${path}` },
        };
        const timer = setTimeout(() => {
          this.pending.delete(timer);
          if (res.destroyed || req.socket.destroyed) return;
          res.writeHead(reply.status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(reply.body ?? {}));
          record.answeredWith = reply.status;
        }, reply.delayMs ?? 0);
        this.pending.add(timer);
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
