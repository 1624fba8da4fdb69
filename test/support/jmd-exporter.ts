import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The JMD backend's metrics named in the runbook, served in Prometheus text format. `misbehave()`
 * makes all four symptoms appear (5xx, slow route, pending ICS exports, failing retention job);
 * `heal()` makes them stop.
 */
export class JmdExporter {
  private broken = false;
  private errors = 0;
  private failures = 0;
  private requests = 0;
  private slow = 0;
  private server: http.Server | undefined;
  private ticker: NodeJS.Timeout | undefined;
  url = '';

  misbehave(): void {
    this.broken = true;
  }

  heal(): void {
    this.broken = false;
  }

  private tick(): void {
    this.requests += 50;
    if (!this.broken) return;
    this.errors += 5;
    this.failures += 1;
    this.slow += 50;
  }

  private exposition(): string {
    const route = 'service="backend-api",env="prod",path="/api/v1/planning"';
    const fast = this.requests - this.slow;
    return [
      '# TYPE api_request_errors_total counter',
      `api_request_errors_total{${route},code="500"} ${this.errors}`,
      '# TYPE api_request_duration_seconds histogram',
      `api_request_duration_seconds_bucket{${route},le="0.1"} ${fast}`,
      `api_request_duration_seconds_bucket{${route},le="0.2"} ${fast}`,
      `api_request_duration_seconds_bucket{${route},le="0.5"} ${this.requests}`,
      `api_request_duration_seconds_bucket{${route},le="+Inf"} ${this.requests}`,
      `api_request_duration_seconds_sum{${route}} ${fast * 0.05 + this.slow * 0.45}`,
      `api_request_duration_seconds_count{${route}} ${this.requests}`,
      '# TYPE calendar_sync_pending_exports gauge',
      `calendar_sync_pending_exports{service="calendar-sync",env="prod",connector="google"} ${this.broken ? 3 : 0}`,
      '# TYPE retention_job_failures_total counter',
      `retention_job_failures_total{service="audit",env="prod",org="org-4711"} ${this.failures}`,
      '',
    ].join('\n');
  }

  async start(): Promise<string> {
    this.server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end(this.exposition());
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.ticker = setInterval(() => this.tick(), 500);
    this.url = `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    if (this.ticker !== undefined) clearInterval(this.ticker);
    const server = this.server;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
