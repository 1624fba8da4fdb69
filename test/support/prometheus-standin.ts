import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A Prometheus at the network boundary: range queries get the value the test sets (instant ones, a healthy SLI). */
export class PrometheusStandIn {
  readonly queries: string[] = [];
  value: number | 'no series' = 0;
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const query = url.searchParams.get('query') ?? '';
      this.queries.push(`${url.pathname} ${query}`);
      const start = Number(url.searchParams.get('start'));
      const end = Number(url.searchParams.get('end'));
      const result =
        this.value === 'no series'
          ? []
          : [
              {
                metric: { service: 'backend-api', env: 'prod', path: '/api/v1/planning' },
                values: [
                  [start, String(this.value)],
                  [end, String(this.value)],
                ],
              },
            ];
      res.writeHead(200, { 'content-type': 'application/json' });
      if (url.pathname === '/api/v1/query') {
        // Instant queries are the error budget's SLI: a healthy month, its data older than the month.
        const value = query.includes('lowest_timestamp') ? '0' : '0.9999';
        res.end(
          JSON.stringify({
            status: 'success',
            data: { resultType: 'vector', result: [{ metric: {}, value: [0, value] }] },
          }),
        );
        return;
      }
      res.end(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } }));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) =>
      this.server === undefined ? resolve() : this.server.close(() => resolve()),
    );
  }
}
