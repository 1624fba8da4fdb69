import type { Metrics } from '../observability/metrics';
import type { Store } from '../store/store';
import { sendJson } from './respond';
import type { Route } from './server';

/** /metrics, /healthz and /readyz. */
export function operationalRoutes(
  metrics: Metrics,
  store: Store,
  runbookCount: number,
  /** Whether start-up finished (timers re-armed, workers running): not ready before. */
  started: () => boolean,
): Route[] {
  return [
    {
      method: 'GET',
      path: '/metrics',
      handler: async (_req, res) => {
        const body = await metrics.registry.metrics();
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        res.end(body);
      },
    },
    { method: 'GET', path: '/healthz', handler: (_req, res) => sendJson(res, 200, { status: 'ok' }) },
    {
      method: 'GET',
      path: '/readyz',
      handler: async (_req, res) => {
        const reachable = await store.ping();
        const ready = reachable && started();
        const body = {
          status: ready ? 'ready' : started() ? 'not ready' : 'starting',
          store: { kind: store.kind, reachable },
          runbooks: runbookCount,
        };
        sendJson(res, ready ? 200 : 503, body);
      },
    },
  ];
}
