import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Email } from '../integrations/email/email-sender';

export interface RecordedPage {
  at: number;
  routingKey: string;
  action: string;
  dedupKey: string;
  summary: string;
  /** A trigger's payload as PagerDuty would show it: where (source), how bad, which kind (class). */
  source: string;
  severity: string;
  eventClass: string;
  /** The page's links (a deadline's page links to the incident's card). */
  links: Array<{ href: string; text: string }>;
}

/**
 * The sandbox's stand-ins for PagerDuty and SMTP: pages and emails are kept to be shown in the
 * « intégrations » panel, never sent. PagerDuty is a real HTTP endpoint, so Vigie's client is exercised.
 */
export class IntegrationRecorder {
  readonly pages: RecordedPage[] = [];
  readonly emails: Array<Email & { at: number }> = [];
  private server: http.Server | undefined;

  async listen(): Promise<string> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
            routing_key?: string;
            event_action?: string;
            dedup_key?: string;
            payload?: { summary?: string; source?: string; severity?: string; class?: string };
            links?: unknown;
          };
          this.pages.push({
            at: Date.now(),
            routingKey: body.routing_key ?? '',
            action: body.event_action ?? '',
            dedupKey: body.dedup_key ?? '',
            summary: body.payload?.summary ?? '',
            source: body.payload?.source ?? '',
            severity: body.payload?.severity ?? '',
            eventClass: body.payload?.class ?? '',
            links: linksOf(body.links),
          });
          res.writeHead(202, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              status: 'success',
              message: 'Event processed (sandbox)',
              dedup_key: body.dedup_key,
            }),
          );
        } catch {
          res.writeHead(400, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ status: 'invalid event' }));
        }
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2/enqueue`;
  }

  captureEmail = (email: Email): void => {
    this.emails.push({ ...email, at: Date.now() });
  };

  async close(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** The links of a recorded page, as far as they have the Events API's shape (href, text). */
function linksOf(value: unknown): RecordedPage['links'] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((link: unknown) => {
    if (typeof link !== 'object' || link === null) return [];
    const { href, text } = link as { href?: unknown; text?: unknown };
    return typeof href === 'string' ? [{ href, text: typeof text === 'string' ? text : href }] : [];
  });
}
