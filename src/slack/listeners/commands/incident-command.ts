import type { App, RespondFn, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import {
  renderDone,
  renderHelp,
  renderIncidentList,
  renderStatus,
  renderWhichIncident,
} from '../../blocks/command-replies';
import { nextStepToForce } from '../../../incidents/escalation-plan';
import { inChannel, incidentMatches } from '../../../incidents/incident-search';
import { escalationPrompt } from '../../blocks/escalation-prompt';
import { mitigationBlock } from '../../blocks/card-runbook';
import { renderSloReply } from '../../blocks/slo-reply';
import { renderPostmortemReplies } from '../../blocks/postmortem-reply';
import type { SuggestedSubcommand } from '../../../i18n';
import { cardStrings, messages } from '../../../i18n';
import { declareModal, resolveModal } from '../../blocks/modals';
import { PROMPT_BLOCK } from '../../ids';
import type { ListenerDeps } from '../listener-deps';
import { refusalMessage, replyPrivately, roleNames } from '../listener-deps';
import type { Incident } from '../../../incidents/types';
import type { ActionResult, Refusal } from '../../../responders/refusal';
import { noStepToForce } from '../../../responders/refusal-for';
import type { Runbook } from '../../../runbooks/schema';
import type { IncidentSubcommand } from './incident-command-parse';
import { parseIncidentCommand } from './incident-command-parse';

type Context = { command: SlashCommand; respond: RespondFn; client: WebClient; deps: ListenerDeps };

/** The id given, or the channel's only open incident; otherwise asks which (and returns undefined). */
async function target(
  ctx: Context,
  id: string | undefined,
  subcommand: SuggestedSubcommand,
  argument = '',
): Promise<string | undefined> {
  if (id !== undefined) return id;
  const { channel_id: channelId, channel_name: channelName } = ctx.command;
  const here = inChannel(await ctx.deps.incidents.listOpen(), channelId, channelName);
  if (here.length === 1) return here[0]?.id;
  const spelled = `${words(ctx).commands.name[subcommand]}${argument === '' ? '' : ` ${argument}`}`;
  await replyPrivately(ctx.respond, renderWhichIncident(here, spelled, ctx.deps.locale));
  return undefined;
}

const words = (ctx: Context) => messages(ctx.deps.locale);

/** Answers privately: the sentence for a success, the worded refusal otherwise. */
function answer<T>(ctx: Context, result: ActionResult<T>, success: (value: T) => string): Promise<void> {
  return replyPrivately(
    ctx.respond,
    result.ok ? renderDone(success(result.value)) : refusalMessage(result.refusal, ctx.deps),
  );
}

/** The incident and its runbook, or a private refusal (unknown, or resolved when an open one is needed). */
async function lookup(
  ctx: Context,
  id: string,
  open: boolean,
): Promise<{ incident: Incident; runbook: Runbook | undefined } | undefined> {
  const incident = await ctx.deps.incidents.get(id);
  if (incident === null || (open && incident.status === 'resolved')) {
    const refusal: Refusal =
      incident === null ? { code: 'unknown_incident', incidentId: id } : { code: 'resolved', incidentId: id };
    await replyPrivately(ctx.respond, refusalMessage(refusal, ctx.deps));
    return undefined;
  }
  const runbookId = incident.policy.runbookId;
  return { incident, runbook: runbookId === null ? undefined : ctx.deps.registry.get(runbookId) };
}

async function run(ctx: Context, sub: IncidentSubcommand): Promise<void> {
  const { deps, respond, command } = ctx;
  const user = command.user_id;
  switch (sub.name) {
    case 'help':
      return replyPrivately(
        respond,
        renderHelp(deps.locale, sub.unknown === undefined ? undefined : { unknown: sub.unknown }),
      );
    case 'list': {
      const open = await deps.incidents.listOpen();
      const found = sub.query === '' ? open : open.filter((i) => incidentMatches(i, sub.query));
      return replyPrivately(
        respond,
        renderIncidentList(found, deps.locale, { query: sub.query, among: open }),
      );
    }
    case 'slo': {
      // The one figure every surface shows (computed on the tracker's schedule, not by this command).
      const budget = deps.slo.current();
      const open = (await deps.incidents.listOpen()).map((incident) => ({
        incident,
        runbook:
          incident.policy.runbookId === null ? undefined : deps.registry.get(incident.policy.runbookId),
      }));
      return replyPrivately(
        respond,
        renderSloReply(
          { budget, unavailableReason: deps.slo.unavailableReason, open, now: Date.now() },
          deps.locale,
        ),
      );
    }
    case 'status': {
      const id = await target(ctx, sub.id, 'status');
      const found = id === undefined ? undefined : await lookup(ctx, id, false);
      return found === undefined
        ? undefined
        : replyPrivately(
            respond,
            renderStatus(found.incident, found.runbook, deps.locale, {
              roleNames: roleNames(deps),
              now: Date.now(),
            }),
          );
    }
    case 'ack': {
      const id = await target(ctx, sub.id, 'ack');
      if (id === undefined) return;
      return answer(ctx, await deps.actions.acknowledge({ incidentId: id }, user), () =>
        words(ctx).commands.acknowledged(id),
      );
    }
    case 'postmortem': {
      const id = await target(ctx, sub.id, 'postmortem');
      const found = id === undefined ? undefined : await lookup(ctx, id, false);
      if (found === undefined) return;
      const draft = await deps.postmortems.draft(found.incident);
      // In order: each reply waits for the one before (the person reads them top to bottom).
      for (const reply of renderPostmortemReplies(draft, found.incident.id, deps.locale))
        await replyPrivately(respond, reply);
      return;
    }
    case 'rollback': {
      const id = await target(ctx, sub.id, 'rollback');
      return id === undefined ? undefined : promptMitigation(ctx, id, 'rollback');
    }
    case 'mitigate': {
      // Without an action: the incident's mitigations are named (an unknown one is refused the same way).
      const id = await target(ctx, sub.id, 'mitigate', sub.action ?? '');
      return id === undefined ? undefined : promptMitigation(ctx, id, sub.action ?? '');
    }
    case 'note': {
      if (sub.text === '') return replyPrivately(respond, renderHelp(deps.locale, { missingText: 'note' }));
      const id = await target(ctx, sub.id, 'note');
      if (id === undefined) return;
      return answer(ctx, await deps.actions.addNote({ incidentId: id }, sub.text, user), () =>
        words(ctx).commands.noteAdded(id),
      );
    }
    case 'resolve': {
      const id = await target(ctx, sub.id, 'resolve');
      const found = id === undefined ? undefined : await lookup(ctx, id, true);
      if (found === undefined) return;
      await ctx.client.views.open({
        trigger_id: command.trigger_id,
        view: resolveModal(found.incident, deps.locale),
      });
      return;
    }
    case 'escalate': {
      const id = await target(ctx, sub.id, 'escalate');
      return id === undefined ? undefined : promptEscalation(ctx, id);
    }
    case 'declare': {
      if (sub.runbook === undefined) {
        await ctx.client.views.open({
          trigger_id: command.trigger_id,
          view: declareModal(deps.registry.all(), deps.locale),
        });
        return;
      }
      return answer(ctx, await deps.actions.declare(sub.runbook, undefined, sub.summary, user), (incident) =>
        words(ctx).commands.declared(incident.id),
      );
    }
  }
}

/** The confirmation step of `/incident rollback|mitigate`: the same button (and confirm dialog) as the card's. */
async function promptMitigation(ctx: Context, id: string, mitigationId: string): Promise<void> {
  const found = await lookup(ctx, id, true);
  if (found === undefined) return;
  const mitigation = found.runbook?.mitigations.find((m) => m.id === mitigationId);
  if (mitigation === undefined) {
    const available = found.runbook?.mitigations.map((m) => m.id) ?? [];
    return replyPrivately(
      ctx.respond,
      refusalMessage({ code: 'unknown_mitigation', mitigationId, available }, ctx.deps),
    );
  }
  // The card's block, marked as the prompt's: its click is answered in place of the prompt. Its
  // dialog names what the run will be given, from the first alert in card order as the card's does.
  const alerts = await ctx.deps.incidents.listAlerts(found.incident.id, 1);
  const block = {
    ...mitigationBlock(found.incident, mitigation, cardStrings(ctx.deps.locale), {
      locale: ctx.deps.locale,
      alerts,
      runbook: found.runbook,
      urls: ctx.deps.registry.set.platform.urls,
    }),
    block_id: PROMPT_BLOCK.mitigate,
  };
  const text = words(ctx).commands.confirmMitigation(mitigation.label, id);
  await ctx.respond({ response_type: 'ephemeral', text, blocks: [block] });
}

/** `/incident escalader` asks first (whom it will reach); its button fires the step, as a card's does. */
async function promptEscalation(ctx: Context, id: string): Promise<void> {
  const found = await lookup(ctx, id, false);
  if (found === undefined) return;
  const step = nextStepToForce(found.incident);
  if (step === undefined)
    return replyPrivately(ctx.respond, refusalMessage(noStepToForce(found.incident), ctx.deps));
  const prompt = escalationPrompt(found.incident, step, roleNames(ctx.deps), ctx.deps.locale);
  await ctx.respond({ response_type: 'ephemeral', text: prompt.text, blocks: prompt.blocks });
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
