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

/** Limits on what one client may hold: a slow or hostile client cannot starve Alertmanager and Slack. */
export const CONNECTION_LIMITS = {
  /** Whole request (headers and body) must arrive within this (Slack and Alertmanager send at once). */
  requestTimeoutMs: 30_000,
  /** Headers must arrive within this. */
  headersTimeoutMs: 10_000,
  maxHeadersCount: 100,
  /** Open connections in total, and from one address. */
  maxConnections: 2000,
  maxConnectionsPerAddress: 200,
};

/** A path made of plain characters only: nothing for a URL parser to normalise. */
const PLAIN_PATH = /^\/[\w\-/]*$/;

/**
 * The path of a request target, or undefined when it is not a URL (`GET http://%zz/`). A plain
 * origin-form target ("/alerts", "/slack/events?x") is cut at "?" without a URL object (one per
 * request cost more than the route lookup); any other form is parsed and normalised as before.
 */
export function pathOf(target: string | undefined): string | undefined {
  if (target === undefined) return undefined;
  const query = target.indexOf('?');
  const path = query < 0 ? target : target.slice(0, query);
  if (PLAIN_PATH.test(path) && !path.startsWith('//')) return path;
  try {
    return new URL(target, 'http://vigie').pathname;
  } catch {
    return undefined;
  }
}

/** One port for everything: /alerts, /slack/events, /metrics, /healthz, /readyz (and /sandbox/ locally). */
export function createHttpServer(routes: Route[], logger: Logger): http.Server {
  const failed = (path: string | undefined, res: ServerResponse) => (error: unknown) => {
    logger.error(
      { err: (error as Error).message, stack: (error as Error).stack, path },
      'http: handler failed',
    );
    if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
    else res.end();
  };
  const listener: RequestListener = (req, res) => {
    const path = pathOf(req.url);
    try {
      if (path === undefined) {
        req.resume();
        return sendJson(res, 400, { error: 'malformed request target' });
      }
      const method = (req.method ?? 'GET').toUpperCase();
      const route = routes.find((r) => matches(r, method, path));
      if (route === undefined) {
        const known = routes.some((r) => (r.path.endsWith('/') ? path.startsWith(r.path) : r.path === path));
        req.resume();
        return sendJson(res, known ? 405 : 404, { error: known ? 'method not allowed' : 'not found' });
      }
      Promise.resolve(route.handler(req, res)).catch(failed(path, res));
    } catch (error) {
      failed(path, res)(error);
    }
  };
  const server = http.createServer(
    {
      requestTimeout: CONNECTION_LIMITS.requestTimeoutMs,
      headersTimeout: CONNECTION_LIMITS.headersTimeoutMs,
      // How often Node enforces the two timeouts above (its default, 30 s, lets a slow client linger).
      connectionsCheckingInterval: 1000,
      maxHeaderSize: 16 * 1024,
    },
    listener,
  );
  server.maxHeadersCount = CONNECTION_LIMITS.maxHeadersCount;
  server.maxConnections = CONNECTION_LIMITS.maxConnections;
  // Alertmanager and Slack keep connections alive; our side outlives a typical idle timeout.
  server.keepAliveTimeout = 65_000;
  const perAddress = new Map<string, number>();
  server.on('connection', (socket) => {
    const address = socket.remoteAddress ?? '?';
    const open = (perAddress.get(address) ?? 0) + 1;
    if (open > CONNECTION_LIMITS.maxConnectionsPerAddress) {
      socket.destroy();
      return;
    }
    perAddress.set(address, open);
    socket.once('close', () => {
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left <= 0) perAddress.delete(address);
      else perAddress.set(address, left);
    });
  });
  // A request line or headers Node cannot parse: 400; too slow: 408; the server goes on.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    const status = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    else socket.destroy();
    logger.debug({ err: error.message }, 'http: malformed request refused');
  });
  return server;
}
