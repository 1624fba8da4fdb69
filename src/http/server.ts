import http from 'node:http';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Logger } from '../observability/logger';
import { sendJson } from './respond';

export interface Route {
  method: 'GET' | 'POST';
  /** Exact path, or a prefix when it ends with "/". */
  path: string;
  handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
}

function matches(route: Route, method: string, path: string): boolean {
  if (route.method !== method) return false;
  return route.path.endsWith('/') ? path.startsWith(route.path) : path === route.path;
}

/** One port for everything: /alerts, /slack/events, /metrics, /healthz, /readyz (and /sandbox/ locally). */
export function createHttpServer(routes: Route[], logger: Logger): http.Server {
  const listener: RequestListener = (req, res) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = new URL(req.url ?? '/', 'http://vigie').pathname;
    const route = routes.find((r) => matches(r, method, path));
    if (route === undefined) {
      const known = routes.some((r) => (r.path.endsWith('/') ? path.startsWith(r.path) : r.path === path));
      req.resume();
      return sendJson(res, known ? 405 : 404, { error: known ? 'method not allowed' : 'not found' });
    }
    Promise.resolve(route.handler(req, res)).catch((error: unknown) => {
      logger.error(
        { err: (error as Error).message, stack: (error as Error).stack, path },
        'http: handler failed',
      );
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.end();
    });
  };
  const server = http.createServer(listener);
  // Alertmanager and Slack keep connections alive; make sure our side outlives a typical idle timeout.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}
