import type { RespondFn } from '@slack/bolt';
import type { IncidentRepository } from '../../incidents/ports';
import type { Logger } from '../../observability/logger';
import type { ResponderActions } from '../../responders/responder-actions';
import type { ActionResult, Refusal } from '../../responders/refusal';
import { decodeActionValue } from '../action-value';
import type { RunbookRegistry } from '../../runbooks/registry';
import type { SloTracker } from '../../slo/slo-tracker';
import type { PostmortemPublisher } from '../../postmortem/postmortem-publisher';
import type { Locale } from '../../i18n';
import { refusalText } from '../blocks/refusal-text';
import type { SlackMessage } from '../blocks/primitives';

/** What every listener may use. Listeners ack, decode, call ResponderActions, and answer. */
export interface ListenerDeps {
  actions: ResponderActions;
  incidents: IncidentRepository;
  registry: RunbookRegistry;
  locale: Locale;
  logger: Logger;
  slo: SloTracker;
  postmortems: PostmortemPublisher;
  /** A storm digest's « Ouvrir la carte »: the incident gets its own card. */
  openCardFromDigest: (incidentId: string, user: string) => Promise<ActionResult>;
}

/** An answer only the person sees, through the response_url (no channel noise). */
export async function replyPrivately(respond: RespondFn, message: SlackMessage): Promise<void> {
  await respond({
    response_type: 'ephemeral',
    replace_original: false,
    text: message.text,
    blocks: message.blocks,
  });
}

/** The runbooks' roles by id, named as people know them (« Tech Lead »). */
export function roleNames(deps: ListenerDeps): Record<string, string> {
  return Object.fromEntries(
    Object.entries(deps.registry.set.contacts.roles).map(([roleId, role]) => [roleId, role.name]),
  );
}

/** What a refusal's words need: the roles' names and the deployment's language. */
export type RefusalDeps = Pick<ListenerDeps, 'registry' | 'locale'>;

export function refusalMessage(refusal: Refusal, deps: RefusalDeps): SlackMessage {
  const roleName = (id: string) => deps.registry.set.contacts.roles[id]?.name ?? id;
  const text = refusalText(refusal, deps.locale, roleName);
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

export interface ButtonArgs {
  ack: () => Promise<void>;
  body: { user: { id: string } };
  action: { value?: string };
  respond: RespondFn;
}

/** What a click on one of Vigie's buttons targets, from its versioned value. */
export interface Click {
  target: { incidentId: string; generation: number };
  step: string | undefined;
  user: string;
}

/**
 * Acks a click at once (Slack's 3 seconds) and decodes its value; undefined when the value is not one
 * Vigie made (tampered, or a button that must name a step and does not): nothing is to be done.
 */
export async function ackClick(args: ButtonArgs, needsStep: boolean): Promise<Click | undefined> {
  await args.ack();
  const value = decodeActionValue(args.action.value);
  if (value === null || (needsStep && value.s === undefined)) return undefined;
  return { target: { incidentId: value.i, generation: value.g }, step: value.s, user: args.body.user.id };
}

/**
 * The shape of every card button: ack and decode (a tampered value is refused, nothing done), act, and
 * answer a refusal privately.
 */
export async function handleButton<T>(
  deps: ListenerDeps,
  args: ButtonArgs,
  run: (
    target: { incidentId: string; generation: number },
    step: string | undefined,
    user: string,
  ) => Promise<ActionResult<T>>,
  options: { needsStep: boolean } = { needsStep: false },
): Promise<void> {
  const click = await ackClick(args, options.needsStep);
  if (click === undefined) return replyPrivately(args.respond, refusalMessage({ code: 'bad_value' }, deps));
  const result = await run(click.target, click.step, click.user);
  if (!result.ok) await replyPrivately(args.respond, refusalMessage(result.refusal, deps));
}
