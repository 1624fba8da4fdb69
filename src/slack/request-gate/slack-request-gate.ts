import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../incidents/ports';
import type { Logger } from '../../observability/logger';
import type { Metrics } from '../../observability/metrics';
import type { OnceGuard } from '../../store/store';
import type { GatedRequest } from './gate-receiver';
import type { SlackOrigin } from './slack-payload';
import { readSlackBody } from './slack-payload';
import { SIGNATURE_MAX_AGE_MS, verifySlackSignature } from './slack-signature';

/** Slack's own payloads are small; anything bigger is not from Slack. */
export const SLACK_MAX_BODY_BYTES = 1024 * 1024;

export interface SlackGateOptions {
  signingSecret: string;
  once: OnceGuard;
  /** The installed workspace (and organisation), undefined until known (auth.test at start). */
  installation: () => SlackOrigin | undefined;
  /** What a person from another workspace reads (a slash command shows the body). */
  foreignWorkspaceText: string;
  notReadyText: string;
  logger: Logger;
  metrics: Metrics;
  clock: Clock;
}

class TooLarge extends Error {}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new TooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function answer(res: ServerResponse, status: number, text = ''): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/** Slack's re-delivery headers (Events API): how many times, and why. */
function retryOf(req: IncomingMessage): Pick<GatedRequest, 'retryNum' | 'retryReason'> {
  const num = Number(req.headers['x-slack-retry-num']);
  const reason = req.headers['x-slack-retry-reason'];
  return {
    retryNum: Number.isInteger(num) && num >= 0 ? num : undefined,
    retryReason: typeof reason === 'string' ? reason : undefined,
  };
}

/**
 * In front of Bolt on /slack/events: every request is signed by Slack (and fresh), of a shape Vigie's
 * listeners can read, from the installed workspace, and not a replay of one already acted on. A bad
 * signature is a 401; anything else odd is answered 200 with nothing done and a log line (Slack does
 * not retry it, and nothing half-parsed reaches a listener). Slack's own checks are answered here.
 * Only then Bolt gets the request, parsed once (`dispatch`: GateReceiver). A click is answered as soon
 * as it is known to be signed and from the installed workspace; the replay check still comes before
 * any listener runs.
 */
export function slackRequestGate(
  options: SlackGateOptions,
  dispatch: (request: GatedRequest, res: ServerResponse) => void,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { logger, metrics } = options;
  const refuse = (res: ServerResponse, reason: string, status: number, detail: object, text = '') => {
    metrics.slackRequestsRefused.inc({ reason });
    logger.warn({ reason, ...detail }, 'slack: request not acted on');
    // A click was answered before its replay check (see below): refused all the same, answered once.
    if (!res.headersSent) answer(res, status, text);
  };
  return async (req, res) => {
    let body: Buffer;
    try {
      body = await readBody(req, SLACK_MAX_BODY_BYTES);
    } catch (error) {
      if (error instanceof TooLarge) return refuse(res, 'too_large', 413, {});
      return refuse(res, 'unreadable', 400, { err: (error as Error).message });
    }
    const signed = verifySlackSignature(options.signingSecret, req.headers, body, options.clock.now());
    if (!signed.ok) return refuse(res, 'unsigned', 401, { detail: signed.reason });
    const read = readSlackBody(String(req.headers['content-type'] ?? ''), body.toString('utf8'));
    if (read.kind === 'odd') return refuse(res, 'odd_payload', 200, { detail: read.reason });
    if (read.kind === 'handshake') {
      // Nothing of a handshake's body reaches a listener (an SSL check with a smuggled payload included).
      if (read.challenge === undefined) return answer(res, 200);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ challenge: read.challenge }));
      return;
    }
    const installed = options.installation();
    if (installed === undefined) return refuse(res, 'not_ready', 200, {}, options.notReadyText);
    const { teamId, enterpriseId } = read.origin;
    if (teamId !== installed.teamId || enterpriseId !== installed.enterpriseId)
      return refuse(
        res,
        'foreign_workspace',
        200,
        { audit: true, what: read.what, teamId, enterpriseId },
        options.foreignWorkspaceText,
      );
    // A click's answer carries nothing Slack reads (a button's listener acks empty): it is answered
    // now, so the ack never waits on the replay check's round trip to Redis nor on Bolt's middleware.
    const answered = read.what === 'block_actions';
    if (answered) answer(res, 200);
    // The same signed request again within Slack's window is a replay: acted on once.
    let first = true;
    try {
      first = await options.once.firstTime(`slack-signature:${signed.signature}`, SIGNATURE_MAX_AGE_MS);
    } catch (error) {
      logger.warn(
        { err: (error as Error).message },
        'slack: replay check unavailable (store); acting once anyway',
      );
    }
    if (!first) return refuse(res, 'replay', 200, { what: read.what });
    dispatch({ body: read.body, answered, ...retryOf(req) }, res);
  };
}
