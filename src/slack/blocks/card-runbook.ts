import type { Button, KnownBlock } from '@slack/types';
import type { Incident, MitigationRun } from '../../incidents/types';
import type { Mitigation, Runbook, TriageStep } from '../../runbooks/schema';
import { incidentScope } from '../../runbooks/incident-scope';
import { renderLink, renderTemplate } from '../../runbooks/template';
import { encodeActionValue } from '../action-value';
import { ACTION, actionIdFor } from '../ids';
import type { CardStrings } from '../../i18n';
import { messages } from '../../i18n';
import { verificationText } from '../../i18n/verification-text';
import { verificationOf } from '../../incidents/verification';
import { graphUrl } from '../../integrations/prometheus/graph-url';
import { escapeMrkdwn, isWebUrl, LIMITS, mrkdwnLink, slackDate, truncate } from './limits';
import type { CardContext } from './primitives';
import { clockTime, context, person, section } from './primitives';

const plain = (text: string, max: number) => ({
  type: 'plain_text' as const,
  text: truncate(text, max),
  emoji: true,
});

function button(actionId: string, label: string, value: string, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: plain(label, LIMITS.buttonText),
    value,
    ...(style === undefined ? {} : { style }),
  };
}

function triageBlock(
  incident: Incident,
  step: TriageStep,
  index: number,
  ctx: CardContext,
  s: CardStrings,
): KnownBlock {
  const check = incident.triage[step.id];
  const link =
    step.link === undefined
      ? ''
      : ` (${mrkdwnLink(renderLink(step.link, incidentScope(incident, ctx.alerts[0], ctx.urls)), s.open)})`;
  const who = check === undefined ? '' : `\n_${s.actions.checkedBy(person(check.by), clockTime(check.at))}_`;
  const text = `${check === undefined ? '⬜' : '✅'} ${index + 1}. ${step.label}${link}${who}`;
  const value = encodeActionValue({ v: 1, i: incident.id, g: incident.generation, s: step.id });
  // A resolved incident's triage is a record, not a form: no button.
  if (incident.status === 'resolved') return section(text);
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) },
    accessory: button(
      actionIdFor(ACTION.triageToggle, step.id),
      check === undefined ? s.actions.check : s.actions.uncheck,
      value,
    ),
  };
}

export function runLine(run: MitigationRun, s: CardStrings): string {
  const parts = [
    s.actions.run[run.status],
    s.actions.runBy(person(run.by)),
    clockTime(run.finishedAt ?? run.startedAt),
  ];
  if (run.httpStatus !== undefined) parts.push(`HTTP ${run.httpStatus}`);
  if (run.durationMs !== undefined) parts.push(s.actions.inMs(run.durationMs));
  const said = run.reason === undefined ? run.message : s.actions.runReason(run.reason);
  const message = said === undefined || said === '' ? '' : ` — ${escapeMrkdwn(truncate(said, 300))}`;
  return `${parts.join(' · ')}${message}`;
}

/**
 * The description without the label it often starts with (« Rollback … — Rollback … si … » reads
 * twice); a rest that is only a parenthesis loses it (« Relancer … — `tools/x.py`. », not « — (…). »).
 */
function unrepeated(description: string, label: string): string {
  if (!description.toLowerCase().startsWith(label.toLowerCase())) return description;
  const rest = description.slice(label.length).trim();
  if (rest === '' || rest === '.') return description;
  const aside = /^\(([^()]+)\)(\.?)$/.exec(rest);
  return aside === null ? rest : `${aside[1]}${aside[2]}`;
}

/** The Prometheus the alerts came from, as people reach it (their generatorURL's origin). */
function prometheusOf(alerts: CardContext['alerts']): string | undefined {
  const url = alerts.find((a) => a.generatorURL !== undefined && isWebUrl(a.generatorURL))?.generatorURL;
  try {
    return url === undefined ? undefined : new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * The check of the mitigation's last run: pending with its verdict time, or the verdict with the graph
 * of exactly the expression asked; still degraded names the runbook's next mitigation.
 */
function verificationLine(
  incident: Incident,
  mitigation: Mitigation,
  run: MitigationRun,
  ctx: Pick<CardContext, 'locale' | 'alerts' | 'runbook'>,
): string {
  const v = verificationOf(incident, mitigation.id, run.number);
  if (v === undefined) return '';
  const m = messages(ctx.locale);
  const condition =
    incident.policy.trigger === undefined
      ? undefined
      : { comparison: incident.policy.trigger.comparison, threshold: incident.policy.trigger.threshold };
  const time = (ms: number) => slackDate(ms, '{time}', new Date(ms).toISOString());
  const text = escapeMrkdwn(verificationText(v, mitigation.label, m, time, condition));
  const base = prometheusOf(ctx.alerts);
  const graph =
    v.expr === undefined || base === undefined || v.status === 'pending'
      ? ''
      : ` (${mrkdwnLink(graphUrl(base, v.expr, v.until, v.until - v.from), m.verification.graph)})`;
  const next = v.status === 'degraded' ? nextMitigation(incident, mitigation, ctx.runbook) : undefined;
  return `\n${text}${graph}${next === undefined ? '' : `\n→ ${m.verification.next} : *${escapeMrkdwn(next.label)}*`}`;
}

/** The runbook's next mitigation after `after` that has not succeeded yet (the button to press next). */
export function nextMitigation(
  incident: Incident,
  after: Mitigation,
  runbook: Runbook | undefined,
): Mitigation | undefined {
  const list = runbook?.mitigations ?? [];
  const start = list.findIndex((m) => m.id === after.id);
  return list
    .slice(start + 1)
    .concat(list.slice(0, Math.max(0, start)))
    .find((m) => (incident.mitigations[m.id] ?? []).every((r) => r.status !== 'succeeded'));
}

export function mitigationBlock(
  incident: Incident,
  mitigation: Mitigation,
  s: CardStrings,
  ctx?: Pick<CardContext, 'locale' | 'alerts' | 'runbook' | 'urls'>,
): KnownBlock {
  const last = (incident.mitigations[mitigation.id] ?? []).at(-1);
  const checked =
    last === undefined || ctx === undefined ? '' : verificationLine(incident, mitigation, last, ctx);
  const status = last === undefined ? '' : `\n${runLine(last, s)}${checked}`;
  const value = encodeActionValue({ v: 1, i: incident.id, g: incident.generation, s: mitigation.id });
  const ran = last?.status === 'succeeded';
  const label =
    last?.status === 'failed'
      ? `${s.actions.retry} : ${mitigation.label}`
      : ran
        ? `${s.actions.rerun} : ${mitigation.label}`
        : mitigation.label;
  const accessory = button(
    actionIdFor(ACTION.mitigate, mitigation.id),
    label,
    value,
    mitigation.destructive
      ? 'danger'
      : last === undefined || last.status === 'dry_run' || last.status === 'running'
        ? 'primary'
        : undefined,
  );
  // Pressing again after a success runs it again (a second rollback): the dialog says it already ran.
  const warning = ran
    ? `${s.actions.alreadyRan(person(last.by), clockTime(last.finishedAt ?? last.startedAt))}\n`
    : '';
  // The dialog says what the run will be given (« pour org-4711 »): the same variables as its action,
  // from the first alert in card order; a label's value is text from outside, escaped in mrkdwn.
  const scope = incidentScope(incident, ctx?.alerts[0], ctx?.urls ?? {});
  const said = renderTemplate(mitigation.confirm.text, scope, { encode: escapeMrkdwn });
  accessory.confirm = {
    title: plain(renderTemplate(mitigation.confirm.title, scope), 100),
    text: { type: 'mrkdwn', text: truncate(`${warning}${said}`, 300) },
    confirm: plain(mitigation.confirm.confirm, 30),
    deny: plain(mitigation.confirm.deny, 30),
    ...(mitigation.destructive ? { style: 'danger' as const } : {}),
  };
  const text = `*${escapeMrkdwn(mitigation.label)}* — ${unrepeated(mitigation.description, mitigation.label)}${status}`;
  return incident.status === 'resolved'
    ? section(text)
    : { type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) }, accessory };
}

/** The runbook on the card: take the incident, tick triage steps, press mitigations (each with its confirm dialog). */
export function runbookBlocks(
  incident: Incident,
  runbook: Runbook | undefined,
  ctx: CardContext,
  s: CardStrings,
): KnownBlock[] {
  const blocks: KnownBlock[] = [{ type: 'divider' }];
  if (incident.status !== 'resolved') {
    const value = encodeActionValue({ v: 1, i: incident.id, g: incident.generation });
    blocks.push({
      type: 'actions',
      block_id: 'incident.actions',
      elements: [
        ...(incident.status === 'open'
          ? [button(ACTION.acknowledge, s.actions.acknowledge, value, 'primary')]
          : []),
        button(ACTION.resolve, s.actions.resolve, value),
      ],
    });
  }
  if (runbook === undefined) return [...blocks, context([s.unmapped(incident.policy.channels.join(', '))])];
  blocks.push(section(`*${s.triage}*`));
  runbook.triage.forEach((step, i) => blocks.push(triageBlock(incident, step, i, ctx, s)));
  blocks.push(section(`*${s.mitigations}*`));
  runbook.mitigations.forEach((m) => blocks.push(mitigationBlock(incident, m, s, ctx)));
  return blocks;
}
