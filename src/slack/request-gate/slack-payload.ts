import { z } from 'zod';

/**
 * The shapes of what Slack sends to /slack/events, as far as Vigie's listeners read them. A signed
 * body of any other shape is answered 200 with nothing done (and a log line): Slack does not retry it,
 * and no listener ever touches a field that is not there.
 */

const id = z.string().min(1).max(64);
const teamRef = z.looseObject({ id }).nullish();
const user = z.looseObject({ id, team_id: id.optional() });

const blockActions = z.looseObject({
  type: z.literal('block_actions'),
  user,
  team: teamRef,
  enterprise: teamRef,
  actions: z
    .array(
      z.looseObject({
        action_id: z.string().min(1).max(255),
        type: z.string(),
        value: z.string().max(2000).optional(),
      }),
    )
    .min(1),
  response_url: z.url().optional(),
  trigger_id: z.string().optional(),
});

const viewState = z.looseObject({
  values: z.record(z.string(), z.record(z.string(), z.looseObject({}))),
});

const viewSubmission = z.looseObject({
  type: z.literal('view_submission'),
  user,
  team: teamRef,
  enterprise: teamRef,
  view: z.looseObject({
    id,
    callback_id: z.string(),
    state: viewState,
    private_metadata: z.string().max(3000).optional(),
  }),
});

const viewClosed = z.looseObject({
  type: z.literal('view_closed'),
  user,
  team: teamRef,
  enterprise: teamRef,
  view: z.looseObject({ id, callback_id: z.string() }),
});

const interaction = z.discriminatedUnion('type', [blockActions, viewSubmission, viewClosed]);

const slashCommand = z.looseObject({
  command: z.string().regex(/^\/[\w-]+$/),
  text: z.string().max(4000),
  user_id: id,
  channel_id: id,
  team_id: id,
  enterprise_id: id.optional(),
  response_url: z.url(),
  trigger_id: z.string().min(1),
});

const appMention = z.looseObject({
  type: z.literal('app_mention'),
  user: id,
  text: z.string().max(40_000),
  channel: id,
  ts: z.string().min(1),
  thread_ts: z.string().optional(),
});
const appHomeOpened = z.looseObject({
  type: z.literal('app_home_opened'),
  user: id,
  tab: z.string().optional(),
});

const eventCallback = z.looseObject({
  type: z.literal('event_callback'),
  team_id: id,
  enterprise_id: id.nullish(),
  event_id: z.string().min(1),
  event: z.discriminatedUnion('type', [appMention, appHomeOpened]),
});

const urlVerification = z.looseObject({
  type: z.literal('url_verification'),
  challenge: z.string().max(200),
});

/** Who a request comes from: the workspace and, on Enterprise Grid, the organisation. */
export interface SlackOrigin {
  teamId: string | undefined;
  enterpriseId: string | undefined;
}

export type SlackBody =
  /** `body`: what Bolt's listeners read (the interaction payload, the event, the command's form). */
  | { kind: 'request'; origin: SlackOrigin; what: string; body: Record<string, unknown> }
  /** Slack's own checks (URL verification: answered with its challenge; SSL check): nothing acted on. */
  | { kind: 'handshake'; challenge: string | undefined }
  | { kind: 'odd'; reason: string };

const issues = (error: z.ZodError) =>
  error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
    .join('; ');

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Reads a signed body: a JSON event, or a form with an interaction `payload` or a slash command. */
export function readSlackBody(contentType: string, text: string): SlackBody {
  if (contentType.includes('application/json')) {
    const json = parseJson(text);
    const handshake = urlVerification.safeParse(json);
    if (handshake.success) return { kind: 'handshake', challenge: handshake.data.challenge };
    const event = eventCallback.safeParse(json);
    if (!event.success) return { kind: 'odd', reason: `event: ${issues(event.error)}` };
    return {
      kind: 'request',
      origin: { teamId: event.data.team_id, enterpriseId: event.data.enterprise_id ?? undefined },
      what: `event ${event.data.event.type}`,
      body: event.data,
    };
  }
  if (!contentType.includes('application/x-www-form-urlencoded'))
    return { kind: 'odd', reason: `content type ${contentType || '(none)'}` };
  const form = new URLSearchParams(text);
  if (form.get('ssl_check') === '1') return { kind: 'handshake', challenge: undefined };
  const payload = form.get('payload');
  if (payload !== null) {
    const parsed = interaction.safeParse(parseJson(payload));
    if (!parsed.success) return { kind: 'odd', reason: `interaction: ${issues(parsed.error)}` };
    const p = parsed.data;
    return {
      kind: 'request',
      origin: { teamId: p.team?.id ?? p.user.team_id, enterpriseId: p.enterprise?.id },
      what: p.type,
      body: p,
    };
  }
  const command = slashCommand.safeParse(Object.fromEntries(form));
  if (!command.success) return { kind: 'odd', reason: `command: ${issues(command.error)}` };
  return {
    kind: 'request',
    origin: { teamId: command.data.team_id, enterpriseId: command.data.enterprise_id },
    what: `command ${command.data.command}`,
    body: command.data,
  };
}
