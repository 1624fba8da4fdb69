import type { ServerResponse } from 'node:http';
import type { App, Receiver } from '@slack/bolt';
import type { Logger } from '../../observability/logger';

/** A request the gate let through: its body as Slack sent it, parsed and checked once. */
export interface GatedRequest {
  body: Record<string, unknown>;
  /** The gate has already answered Slack (a click: its ack carries nothing); listeners' acks do nothing. */
  answered: boolean;
  retryNum: number | undefined;
  retryReason: string | undefined;
}

/** Slack wants an answer within 3 s; a request no listener acknowledged is closed before Slack gives up. */
export const UNACKNOWLEDGED_AFTER_MS = 2500;

/** What a listener's `ack` sends back: nothing, a text, or JSON (a modal's `response_action`). */
function writeAck(res: ServerResponse, response: unknown): void {
  if (res.headersSent) return;
  if (response === undefined || response === null || response === '') {
    res.writeHead(200);
    res.end();
  } else if (typeof response === 'string') {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(response);
  } else {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(response));
  }
}

/**
 * Bolt's receiver behind the request gate: the gate has read, verified and parsed the request, and
 * hands Bolt that parsed body (`processEvent`). Bolt's own HTTP receiver would read, parse (and
 * verify) every click a second time on the 3-second path. Vigie's server listens, so start and
 * stop have nothing to do. Every request gets a 200: a listener's ack, or an empty one when no
 * listener acknowledged in time or Bolt failed before it did (logged), never a 404 or a 5xx; a click
 * was answered by the gate itself (`answered`), and its listener's ack writes nothing.
 */
export class GateReceiver implements Receiver {
  private app: App | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly unacknowledgedAfterMs = UNACKNOWLEDGED_AFTER_MS,
  ) {}

  init(app: App): void {
    this.app = app;
  }

  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  dispatch(request: GatedRequest, res: ServerResponse): void {
    const app = this.app;
    if (app === undefined) throw new Error('GateReceiver: Bolt has not been given this receiver');
    let acknowledged = request.answered;
    const close = (why: string, detail: object) => {
      if (acknowledged) return;
      acknowledged = true;
      clearTimeout(timer);
      this.logger.error(detail, why);
      writeAck(res, undefined);
    };
    const timer = acknowledged
      ? undefined
      : setTimeout(
          () => close('slack: no listener acknowledged the request in time; answered empty', {}),
          this.unacknowledgedAfterMs,
        );
    const ack = (response?: unknown): Promise<void> => {
      if (!acknowledged) {
        acknowledged = true;
        clearTimeout(timer);
        writeAck(res, response);
      }
      return Promise.resolve();
    };
    app
      .processEvent({
        body: request.body,
        ack,
        retryNum: request.retryNum,
        retryReason: request.retryReason,
      })
      .catch((error: unknown) => {
        const detail = { err: (error as Error).message };
        if (acknowledged) this.logger.error(detail, 'slack: Bolt failed after the request was acknowledged');
        else close('slack: Bolt failed before the request was acknowledged; answered empty', detail);
      });
  }
}
