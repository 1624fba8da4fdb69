import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { readBody } from '../http/body';
import { sendJson } from '../http/respond';
import type { Route } from '../http/server';
import type { IncidentRepository } from '../incidents/ports';
import type { RunbookRegistry } from '../runbooks/registry';
import type { Messages } from '../i18n/messages';
import { simulatedAlert } from './alert-simulator';
import type { IntegrationRecorder } from './integration-recorder';
import type { SlackEmulator } from './slack-emulator';

/** What the page's routes need from the running Vigie, known once it listens. */
export interface SandboxContext {
  selfUrl: string;
  alertmanagerToken: string | undefined;
  incidents: IncidentRepository;
  registry: RunbookRegistry;
  /** The words of the page's answers (a simulated alert's outcome, a run's status). */
  messages: Messages;
}

/** A PagerDuty event action in the page's words (as it is when the catalogue has no word for it). */
function pageActionWord(messages: Messages | undefined, action: string): string {
  const words: Record<string, string> | undefined = messages?.sandbox.pageAction;
  return words?.[action] ?? action;
}

/** The page's files live beside src/ and dist/ alike: <package>/sandbox-ui. */
const UI_DIR = path.resolve(__dirname, '..', '..', 'sandbox-ui');
const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = (await readBody(req, 256 * 1024)).toString('utf8');
  const parsed = JSON.parse(raw === '' ? '{}' : raw) as unknown;
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
}

const text = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);

/** Wraps a handler: a bad request is a 400 with the reason, never a crash. */
function safe(handler: (body: Record<string, unknown>, res: ServerResponse) => Promise<void>): Handler {
  return async (req, res) => {
    try {
      await handler(await jsonBody(req), res);
    } catch (error) {
      sendJson(res, 400, { error: (error as Error).message });
    }
  };
}

function file(name: string): Handler {
  return async (_req, res) => {
    const body = await readFile(path.join(UI_DIR, name));
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[name.split('.').pop() ?? ''] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    res.end(body);
  };
}

/** The sandbox page and what it calls: Slack's side (clicks, commands, modals), alerts, integrations. */
export function sandboxRoutes(
  emulator: SlackEmulator,
  recorder: IntegrationRecorder,
  user: string,
  context: () => SandboxContext | undefined,
): Route[] {
  const started = new Map<string, string>();
  const opsSeen = new Map<string, Record<string, unknown>>();
  const ready = (): SandboxContext => {
    const ctx = context();
    if (ctx === undefined) throw new Error('Vigie is still starting');
    return ctx;
  };
  return [
    { method: 'GET', path: '/sandbox', handler: file('index.html') },
    { method: 'GET', path: '/sandbox/app.js', handler: file('app.js') },
    { method: 'GET', path: '/sandbox/style.css', handler: file('style.css') },
    { method: 'GET', path: '/sandbox/slack/state', handler: (req, res) => emulator.handle(req, res) },
    {
      method: 'POST',
      path: '/sandbox/slack/click',
      handler: safe(async (body, res) => {
        const responseId = text(body.responseId);
        const message =
          responseId === ''
            ? emulator.state.messages.find((m) => m.ts === text(body.ts))
            : {
                channel: text(body.channel) || undefined,
                blocks: (emulator.state.responses.find((r) => r.id === responseId)?.body.blocks ??
                  []) as unknown[],
                responseId,
              };
        if (message === undefined)
          return sendJson(res, 404, { error: 'no message with that ts; see GET /sandbox/slack/state' });
        const chosen = text(body.value);
        const result = await emulator.clickButton(
          message,
          text(body.action),
          text(body.user, user),
          {},
          chosen === '' ? undefined : chosen,
        );
        sendJson(res, 200, { vigieStatus: result.status, responseId: result.responseId });
      }),
    },
    {
      method: 'POST',
      path: '/sandbox/slack/command',
      handler: safe(async (body, res) => {
        const input = { text: text(body.text), channel: text(body.channel, 'sre-alerts'), userId: user };
        const sent = await emulator.sendSlashCommand('/incident', input);
        // A command answers through response_url, or opens a modal (then there is no reply to wait for).
        const reply = await emulator
          .waitFor(() => emulator.state.responses.find((r) => r.id === sent.responseId), 1500, 'the reply')
          .catch(() => undefined);
        sendJson(res, 200, {
          vigieStatus: sent.status,
          responseId: sent.responseId,
          reply: typeof reply === 'object' ? reply.body : undefined,
        });
      }),
    },
    {
      method: 'POST',
      path: '/sandbox/slack/home',
      handler: safe(async (_body, res) => {
        const event = {
          type: 'app_home_opened',
          user,
          channel: `D${user.slice(1)}`,
          tab: 'home',
          event_ts: `${Date.now() / 1000}`,
        };
        const result = await emulator.sendEvent(event, `EvHome${Date.now()}`);
        sendJson(res, 200, { vigieStatus: result.status });
      }),
    },
    {
      method: 'POST',
      path: '/sandbox/slack/submit',
      handler: safe(async (body, res) => {
        const view = emulator.state.views.find((v) => v.id === text(body.viewId));
        if (view === undefined) return sendJson(res, 404, { error: 'no such view' });
        const values = (typeof body.values === 'object' && body.values !== null ? body.values : {}) as Record<
          string,
          string
        >;
        const result = await emulator.submitView(view, values, user);
        sendJson(res, 200, {
          vigieStatus: result.status,
          errors: result.body === '' ? undefined : (JSON.parse(result.body) as unknown),
        });
      }),
    },
    {
      method: 'POST',
      path: '/sandbox/alerts/simulate',
      handler: safe(async (body, res) => {
        const ctx = ready();
        const runbook = ctx.registry.get(text(body.runbook));
        if (runbook === undefined)
          return sendJson(res, 404, {
            error: `unknown runbook; one of ${ctx.registry
              .all()
              .map((r) => r.id)
              .join(', ')}`,
          });
        const status = text(body.status) === 'resolved' ? 'resolved' : 'firing';
        const now = new Date().toISOString();
        const startsAt = status === 'firing' ? now : (started.get(runbook.id) ?? now);
        started.set(runbook.id, startsAt);
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (ctx.alertmanagerToken !== undefined) headers.authorization = `Bearer ${ctx.alertmanagerToken}`;
        const response = await fetch(`${ctx.selfUrl}/alerts`, {
          method: 'POST',
          headers,
          body: simulatedAlert(runbook, status, startsAt, now),
        });
        const answer = (await response.json()) as { incidents?: Array<{ outcome?: string }> };
        // The outcome in words for the page (the API's codes stay as they are).
        const outcomes: Record<string, string> = ctx.messages.sandbox.outcome;
        for (const incident of answer.incidents ?? [])
          Object.assign(incident, { said: outcomes[incident.outcome ?? ''] ?? incident.outcome });
        sendJson(res, response.status, answer);
      }),
    },
    {
      method: 'GET',
      path: '/sandbox/integrations',
      handler: async (_req, res) => {
        const ctx = context();
        // Runs seen once stay listed after their incident resolves: the panel is a log.
        for (const incident of ctx === undefined ? [] : await ctx.incidents.listOpen()) {
          for (const [id, runs] of Object.entries(incident.mitigations)) {
            for (const run of runs)
              opsSeen.set(`${incident.id}|${id}|${run.number}`, {
                incident: incident.id,
                mitigation: id,
                // Its runbook's name for it, as the card says it (the id when the runbook lost it).
                label:
                  ctx?.registry.get(incident.policy.runbookId ?? '')?.mitigations.find((m) => m.id === id)
                    ?.label ?? id,
                ...run,
                said: ctx?.messages.card.actions.run[run.status] ?? run.status,
              });
          }
        }
        sendJson(res, 200, {
          pages: recorder.pages.map((page) => ({
            ...page,
            said: pageActionWord(ctx?.messages, page.action),
          })),
          emails: recorder.emails,
          mitigations: [...opsSeen.values()],
          runbooks: ctx?.registry.all().map((r) => ({ id: r.id, title: r.title })) ?? [],
        });
      },
    },
  ];
}
