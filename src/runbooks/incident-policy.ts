import type { EscalationStep, EscalationTrigger, IncidentPolicy } from '../incidents/types';
import type { Runbook } from './schema';
import type { Slo } from './slo-schema';
import type { TriggerCheck, VerifyTiming } from '../incidents/verification-types';
import { triggerLabels } from './cross-check';
import { splitThreshold } from './scoped-expression';

type RunbookStep = Runbook['escalation'][number];

function trigger(when: RunbookStep['when']): EscalationTrigger {
  if ('after' in when)
    return when.from === 'start'
      ? { kind: 'after', afterMs: when.after, from: 'start' }
      : { kind: 'after', afterMs: when.after };
  if ('button' in when) return { kind: 'button', label: when.button };
  const find = <K extends string>(key: K) =>
    when.any_of.find((c): c is Extract<typeof c, Record<K, unknown>> => key in c);
  return {
    kind: 'conditions',
    openLongerThanMs: find('open_longer_than')?.open_longer_than,
    affectedAtLeast: find('affected_at_least')?.affected_at_least,
    slaThreatened: find('sla_threatened') !== undefined,
  };
}

function step(s: RunbookStep): EscalationStep {
  const sets = s.sets;
  return {
    id: s.id,
    description: s.description,
    ...(s.name === undefined ? {} : { name: s.name }),
    trigger: trigger(s.when),
    unless: s.unless,
    notify: s.notify,
    via: s.via,
    sets: {
      ...(sets.severity === undefined ? {} : { severity: sets.severity }),
      ...(sets.postmortem_required === undefined ? {} : { postmortemRequired: sets.postmortem_required }),
      ...(sets.customer_information_required === undefined
        ? {}
        : { customerInformationRequired: sets.customer_information_required }),
      ...(sets.incident_report_required === undefined
        ? {}
        : { incidentReportRequired: sets.incident_report_required }),
      ...(sets.rto_breached === undefined ? {} : { rtoBreached: sets.rto_breached }),
    },
  };
}

/**
 * The words Vigie itself writes into a policy frozen on an incident (the runbook's own text is the
 * runbook author's), in the deployment's language: they reach pages, emails and cards as they are.
 */
export interface PolicyWords {
  /** The opening step's description, from the channels it reaches: « Ouverture : canaux du runbook (PagerDuty SEV2 + email) ». */
  openingStep: (channels: string[]) => string;
  /** The title of an incident no runbook claims, when its alert has neither a summary nor a name. */
  unmappedTitle: string;
}

/** The id of the step that delivers the runbook's channels at open (no runbook step may use it). */
export const OPENING_STEP_ID = 'runbook-channels';

/**
 * The runbook's `channels` as the first escalation step: when the incident opens, page its PagerDuty
 * role and email its roles (the Slack channel gets the card). Undefined if it names neither.
 */
function openingStep(runbook: Runbook, words: PolicyWords): EscalationStep | undefined {
  const { email, pagerduty, page_after: after, page_on_reopen: onReopen } = runbook.channels;
  const paged = pagerduty === undefined ? [] : [pagerduty.role];
  if (email.length === 0 && paged.length === 0) return undefined;
  return {
    id: OPENING_STEP_ID,
    description: words.openingStep([
      ...(paged.length > 0 ? [`PagerDuty ${pagerduty?.severity ?? ''}`.trim()] : []),
      ...(email.length > 0 ? ['email'] : []),
    ]),
    trigger: {
      kind: 'opened',
      // Only a count given: no clock drives it, the alerts do.
      delayMs: after === undefined ? 0 : after.firing_for,
      alertsAtLeast: after?.alerts,
      onReopen,
    },
    unless: ['resolved'],
    notify: [...new Set([...paged, ...email])],
    via: [
      ...(paged.length > 0 ? (['pagerduty'] as const) : []),
      ...(email.length > 0 ? (['email'] as const) : []),
    ],
    routes: { pagerduty: paged, email },
    sets: {},
  };
}

/** A runbook's verification parts, worked out once per loaded runbook (a storm opens thousands of groups). */
const CHECKS = new WeakMap<
  Runbook,
  { trigger: TriggerCheck | undefined; verify: Record<string, VerifyTiming> }
>();

function checksOf(runbook: Runbook): {
  trigger: TriggerCheck | undefined;
  verify: Record<string, VerifyTiming>;
} {
  const known = CHECKS.get(runbook);
  if (known !== undefined) return known;
  const checks = { trigger: triggerCheck(runbook), verify: verifyTimings(runbook) };
  CHECKS.set(runbook, checks);
  return checks;
}

/** The trigger's value and threshold, and the labels that scope it to one incident. */
function triggerCheck(runbook: Runbook): TriggerCheck | undefined {
  const split = splitThreshold(runbook.trigger.expr);
  if (split === undefined) return undefined;
  const by = triggerLabels(runbook) ?? [];
  const scopeLabels = [
    ...runbook.incident.group_by,
    ...(runbook.incident.item_label === undefined ? [] : [runbook.incident.item_label]),
  ].filter((label) => by.includes(label));
  return { ...split, scopeLabels };
}

/** Each mitigation's check timing: the runbook's, its own, or none (`verify: false`). */
function verifyTimings(runbook: Runbook): Record<string, VerifyTiming> {
  const timings: Record<string, VerifyTiming> = {};
  for (const m of runbook.mitigations) {
    if (m.verify === false) continue;
    timings[m.id] = {
      afterMs: m.verify?.after ?? runbook.verification.after,
      holdMs: m.verify?.hold ?? runbook.verification.hold,
    };
  }
  return timings;
}

/**
 * Whether an incident of this runbook consumes the availability budget: its runbook is in the SLO's
 * `consumed_by` and its labels are in the SLO's scope (`env=prod`). A declared incident has no labels:
 * the person declaring it speaks of production.
 */
export function consumesBudget(
  slo: Slo,
  runbookId: string,
  labels: Record<string, string> | undefined,
): boolean {
  const { consumed_by: consumers, scope } = slo.availability;
  return (
    consumers.includes(runbookId) &&
    (labels === undefined || Object.entries(scope).every(([name, value]) => labels[name] === value))
  );
}

/** What a runbook (and the SLO) decide for an incident, to be frozen onto it when it opens. */
export function runbookPolicy(
  runbook: Runbook,
  slo: Slo,
  labels: Record<string, string> | undefined,
  words: PolicyWords,
): IncidentPolicy {
  const checks = checksOf(runbook);
  return {
    trigger: checks.trigger,
    verify: checks.verify,
    consumesBudget: consumesBudget(slo, runbook.id, labels),
    startLookbackMs: slo.availability.start_lookback_max,
    runbookId: runbook.id,
    title: runbook.title,
    severity: runbook.severity,
    channels: runbook.channels.slack,
    autoResolve: runbook.incident.auto_resolve,
    reopenWindowMs: runbook.incident.reopen_window,
    itemLabel: runbook.incident.item_label,
    cardsPerMinute: runbook.channels.cards_per_minute,
    escalation: [openingStep(runbook, words), ...runbook.escalation.map(step)].filter(
      (s): s is EscalationStep => s !== undefined,
    ),
  };
}
