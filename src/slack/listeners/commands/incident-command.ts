import type { App, RespondFn, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import {
  renderDone,
  renderHelp,
  renderIncidentList,
  renderStatus,
  renderWhichIncident,
} from '../../blocks/command-replies';
import { mitigationBlock } from '../../blocks/card-runbook';
import { cardStrings } from '../../blocks/i18n';
import { declareModal, resolveModal } from '../../blocks/modals';
import type { ListenerDeps } from '../listener-deps';
import { refusalMessage, replyPrivately } from '../listener-deps';
import type { IncidentSubcommand } from './incident-command-parse';
import { parseIncidentCommand } from './incident-command-parse';

type Context = { command: SlashCommand; respond: RespondFn; client: WebClient; deps: ListenerDeps };

/** The id given, or the channel's only open incident; otherwise asks which (and returns undefined). */
async function target(ctx: Context, id: string | undefined, subcommand: string): Promise<string | undefined> {
  if (id !== undefined) return id;
  const here = await ctx.deps.actions.openIncidentsIn(ctx.command.channel_id, ctx.command.channel_name);
  if (here.length === 1) return here[0]?.id;
  await replyPrivately(ctx.respond, renderWhichIncident(here, subcommand, ctx.deps.locale));
  return undefined;
}

const fr = (ctx: Context) => ctx.deps.locale === 'fr';

async function run(ctx: Context, sub: IncidentSubcommand): Promise<void> {
  const { deps, respond, command } = ctx;
  const user = command.user_id;
  switch (sub.name) {
    case 'help':
      return replyPrivately(respond, renderHelp(deps.locale));
    case 'list':
      return replyPrivately(respond, renderIncidentList(await deps.incidents.listOpen(), deps.locale));
    case 'status': {
      const id = await target(ctx, sub.id, 'status');
      if (id === undefined) return;
      const incident = await deps.incidents.get(id);
      if (incident === null)
        return replyPrivately(respond, refusalMessage({ code: 'unknown_incident', incidentId: id }, deps));
      const runbook =
        incident.policy.runbookId === null ? undefined : deps.registry.get(incident.policy.runbookId);
      return replyPrivately(respond, renderStatus(incident, runbook, deps.locale));
    }
    case 'ack': {
      const id = await target(ctx, sub.id, 'ack');
      if (id === undefined) return;
      const result = await deps.actions.acknowledge({ incidentId: id }, user);
      return replyPrivately(
        respond,
        result.ok
          ? renderDone(fr(ctx) ? `👀 ${id} pris en charge.` : `👀 ${id} acknowledged.`)
          : refusalMessage(result.refusal, deps),
      );
    }
    case 'rollback': {
      const id = await target(ctx, sub.id, 'rollback');
      return id === undefined ? undefined : promptMitigation(ctx, id, 'rollback');
    }
    case 'mitigate': {
      if (sub.action === undefined) return replyPrivately(respond, renderHelp(deps.locale));
      const id = await target(ctx, sub.id, `mitigate ${sub.action}`);
      return id === undefined ? undefined : promptMitigation(ctx, id, sub.action);
    }
    case 'note': {
      if (sub.text === '') return replyPrivately(respond, renderHelp(deps.locale));
      const id = await target(ctx, sub.id, 'note');
      if (id === undefined) return;
      const result = await deps.actions.addNote({ incidentId: id }, sub.text, user);
      return replyPrivately(
        respond,
        result.ok
          ? renderDone(fr(ctx) ? `📝 Note ajoutée à ${id}.` : `📝 Note added to ${id}.`)
          : refusalMessage(result.refusal, deps),
      );
    }
    case 'resolve': {
      const id = await target(ctx, sub.id, 'resolve');
      if (id === undefined) return;
      const incident = await deps.incidents.get(id);
      if (incident === null)
        return replyPrivately(respond, refusalMessage({ code: 'unknown_incident', incidentId: id }, deps));
      if (incident.status === 'resolved')
        return replyPrivately(respond, refusalMessage({ code: 'resolved', incidentId: id }, deps));
      await ctx.client.views.open({
        trigger_id: command.trigger_id,
        view: resolveModal(incident, deps.locale),
      });
      return;
    }
    case 'escalate': {
      const id = await target(ctx, sub.id, 'escalate');
      if (id === undefined) return;
      const result = await deps.actions.escalate({ incidentId: id }, user);
      return replyPrivately(
        respond,
        result.ok
          ? renderDone(
              fr(ctx)
                ? `🚨 ${id} escaladé : ${result.value.description}`
                : `🚨 ${id} escalated: ${result.value.description}`,
            )
          : refusalMessage(result.refusal, deps),
      );
    }
    case 'declare': {
      if (sub.runbook === undefined) {
        await ctx.client.views.open({
          trigger_id: command.trigger_id,
          view: declareModal(deps.registry.all(), deps.locale),
        });
        return;
      }
      const result = await deps.actions.declare(sub.runbook, undefined, sub.summary, user);
      return replyPrivately(
        respond,
        result.ok
          ? renderDone(fr(ctx) ? `📣 ${result.value.id} déclaré.` : `📣 ${result.value.id} declared.`)
          : refusalMessage(result.refusal, deps),
      );
    }
  }
}

/** The confirmation step of `/incident rollback|mitigate`: the same button (and confirm dialog) as the card's. */
async function promptMitigation(ctx: Context, id: string, mitigationId: string): Promise<void> {
  const { deps, respond } = ctx;
  const incident = await deps.incidents.get(id);
  if (incident === null)
    return replyPrivately(respond, refusalMessage({ code: 'unknown_incident', incidentId: id }, deps));
  if (incident.status === 'resolved')
    return replyPrivately(respond, refusalMessage({ code: 'resolved', incidentId: id }, deps));
  const runbook =
    incident.policy.runbookId === null ? undefined : deps.registry.get(incident.policy.runbookId);
  const mitigation = runbook?.mitigations.find((m) => m.id === mitigationId);
  if (mitigation === undefined) {
    const available = runbook?.mitigations.map((m) => m.id) ?? [];
    return replyPrivately(
      respond,
      refusalMessage({ code: 'unknown_mitigation', mitigationId, available }, deps),
    );
  }
  const block = mitigationBlock(incident, mitigation, cardStrings(deps.locale));
  const text = fr(ctx)
    ? `Confirmez la mitigation « ${mitigation.label} » sur ${id}`
    : `Confirm the mitigation "${mitigation.label}" on ${id}`;
  await respond({ response_type: 'ephemeral', text, blocks: [block] });
}

/** `/incident`: acks at once (Slack's 3-second rule), then answers privately through `respond`. */
export function registerIncidentCommand(app: App, deps: ListenerDeps): void {
  app.command('/incident', async ({ command, ack, respond, client }) => {
    await ack();
    const sub = parseIncidentCommand(command.text);
    deps.logger.info(
      { user: command.user_id, channel: command.channel_id, subcommand: sub.name },
      'slack: /incident',
    );
    await run({ command, respond, client, deps }, sub);
  });
}
