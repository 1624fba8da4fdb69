import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AlertIngest } from '../alerts/ingest';
import { readWebhookPayload } from '../alerts/payload';
import { StoreUnavailableError } from '../incidents/ports';
import { ConcurrencyError } from '../incidents/service';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import { BodyTooLargeError, readBody } from './body';
import { sendJson } from './respond';

export interface AlertsEndpointOptions {
  ingest: AlertIngest;
  /** Expected bearer token; undefined disables authentication (local sandbox only, warned at start). */
  token: string | undefined;
  maxBodyBytes: number;
  metrics: Metrics;
  logger: Logger;
}

/** Seconds Alertmanager is told to wait before retrying when the store is down. */
const RETRY_AFTER_SECONDS = '5';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function authorized(req: IncomingMessage, token: string | undefined): boolean {
  if (token === undefined) return true;
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header);
  return match?.[1] !== undefined && sameSecret(match[1].trim(), token);
}

/**
 * POST /alerts — the Alertmanager webhook. Alertmanager retries 5xx and gives up on 4xx, so: 4xx only
 * for what a retry cannot fix (auth, size, shape), 503 when the store is down, 200 only once stored.
 */
export function alertsEndpoint(options: AlertsEndpointOptions) {
  const { metrics, logger } = options;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!authorized(req, options.token)) {
      metrics.alertDeliveries.inc({ outcome: 'unauthorized' });
      logger.warn(
        { remote: req.socket.remoteAddress },
        'alerts: rejected a delivery with a missing or wrong bearer token',
      );
      req.resume();
      return sendJson(
        res,
        401,
        { error: 'unauthorized', hint: 'send Authorization: Bearer <ALERTMANAGER_TOKEN>' },
        {
          'www-authenticate': 'Bearer',
        },
      );
    }
    let body: Buffer;
    try {
      body = await readBody(req, options.maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      metrics.alertDeliveries.inc({ outcome: 'too_large' });
      logger.warn(
        { limit: error.limit },
        'alerts: refused an oversized delivery (raise ALERTS_MAX_BODY_BYTES if legitimate)',
      );
      res.setHeader('connection', 'close');
      return sendJson(res, 413, { error: 'payload too large', limitBytes: error.limit });
    }
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch (error) {
      metrics.alertDeliveries.inc({ outcome: 'invalid' });
      return sendJson(res, 400, { error: 'malformed JSON', detail: (error as Error).message });
    }
    const parsed = await readWebhookPayload(json);
    if (!parsed.ok) {
      metrics.alertDeliveries.inc({ outcome: 'invalid' });
      const { issues } = parsed;
      logger.warn({ issues }, 'alerts: refused a delivery that is not an Alertmanager v4 payload');
      return sendJson(res, 400, { error: 'not an Alertmanager webhook payload (version 4)', issues });
    }
    try {
      const summary = await options.ingest.ingest(parsed.payload);
      metrics.alertDeliveries.inc({ outcome: 'accepted' });
      logger.info(
        {
          alerts: summary.alerts,
          incidents: summary.incidents.map((i) => `${i.incidentId ?? '-'}:${i.outcome}`),
        },
        'alerts: delivery stored',
      );
      return sendJson(res, 200, { status: 'stored', alerts: summary.alerts, incidents: summary.incidents });
    } catch (error) {
      if (!(error instanceof StoreUnavailableError || error instanceof ConcurrencyError)) throw error;
      metrics.alertDeliveries.inc({ outcome: 'unavailable' });
      logger.error({ err: error.message }, 'alerts: store unavailable, asking Alertmanager to retry (503)');
      return sendJson(
        res,
        503,
        { error: 'store unavailable, retry later' },
        { 'retry-after': RETRY_AFTER_SECONDS },
      );
    }
  };
}
