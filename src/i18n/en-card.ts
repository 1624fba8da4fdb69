import type { ActionStrings, CardStrings, DigestStrings } from './messages';

const EN_ITEMS: Record<string, string> = {
  path: 'Affected routes',
  connector: 'Affected connectors',
  org: 'Affected organisations',
};

const actions: ActionStrings = {
  acknowledge: 'Acknowledge',
  resolve: 'Resolve',
  check: 'Tick',
  uncheck: 'Untick',
  checkedBy: (user, when) => `ticked by ${user} ${when}`,
  retry: 'Retry',
  rerun: 'Run again',
  alreadyRan: (user, when) => `⚠️ Already run successfully by ${user} ${when}.`,
  run: {
    running: '⏳ running',
    succeeded: '✅ succeeded',
    failed: '❌ failed',
    dry_run: '🧪 simulated, nothing sent',
  },
  runReason: (reason) => {
    switch (reason.code) {
      case 'ops_not_configured':
        return 'the ops API is not configured (OPS_API_URL): nothing was sent';
      case 'timeout':
        return `no answer within ${reason.ms} ms: the ops API may have acted, check before running it again`;
      case 'connection_refused':
        return 'connection refused by the ops API: nothing was done';
      case 'request_failed':
        return `request failed (${reason.detail}): the ops API may have acted, check before running it again`;
      case 'unsafe_path':
        return `${reason.variable} = "${reason.value}" cannot name a resource (empty, "." or ".."): request not sent`;
      case 'interrupted':
        return 'interrupted: no result in time (the replica running it may have stopped) — check, then retry';
    }
  },
  runBy: (user) => `by ${user}`,
  inMs: (ms) => `in ${ms} ms`,
  summary: 'Summary',
  resolution: { cause: 'Cause', summary: 'Summary', impact: 'Customer impact' },
  thread: (id) => `Thread of incident ${id}`,
};

const digest: DigestStrings = {
  title: (runbook) => `🌩️ Alert storm — ${runbook}`,
  unmapped: 'alerts with no runbook',
  over: (total, since) =>
    total > 1
      ? `✅ Storm over: the ${total} incidents listed since ${since} are all resolved.`
      : `✅ Storm over: the incident listed since ${since} is resolved.`,
  explain: (total, perMinute, since) =>
    `${total} incident${total === 1 ? '' : 's'} since ${since}, more than ${perMinute} new cards a minute: they are listed here instead of a card each. Vigie follows each one (escalations, automatic resolution); open its card to act, or \`/incident ack INC-…\`.`,
  more: (n) => `… and ${n} more: \`/incident list &lt;words&gt;\` finds them`,
  openCard: 'Open the card',
  placeholder: 'Pick an incident',
  fallback: (runbook, total) => `Alert storm — ${runbook}: ${total} incident${total === 1 ? '' : 's'}`,
};

/** The incident card's words, in English (buttons, fields, the storm digest). */
export const card: CardStrings = {
  status: { open: '🔥 Firing', acknowledged: '👀 Acknowledged', resolved: '✅ Resolved' },
  severity: { SEV1: '🔴 SEV1', SEV2: '🟠 SEV2', warning: '🟡 Warning' },
  severityName: { SEV1: 'SEV1', SEV2: 'SEV2', warning: 'Warning' },
  fields: {
    status: 'Status',
    severity: 'Severity',
    started: 'Started',
    duration: 'Duration',
    runbook: 'Runbook',
    incident: 'Incident',
  },
  since: (ago) => `ongoing, started ${ago}`,
  receivedAt: (when) => `_received by Vigie on ${when}_`,
  budgetFrom: (when, lookback) => `_error budget counted from ${when} (at most ${lookback} before receipt)_`,
  lasted: (d) => `${d}`,
  acknowledgedBy: (user) => `acknowledged by ${user}`,
  statusBy: (user) => `by ${user}`,
  openIncidents: (count) => `${count} open incident${count === 1 ? '' : 's'}`,
  affected: (firing, resolved, itemLabel) =>
    `*${EN_ITEMS[itemLabel ?? ''] ?? 'Alerts'}*: ${firing} firing${resolved > 0 ? `, ${resolved} resolved` : ''}`,
  affectedTotal: (total, itemLabel) => `*${EN_ITEMS[itemLabel ?? ''] ?? 'Alerts'}*: ${total}`,
  more: (n) => `… and ${n} more`,
  truncated: (n) =>
    `⚠️ Alertmanager truncated ${n} alert${n > 1 ? 's' : ''} from this group (truncatedAlerts): see Alertmanager.`,
  triage: 'Triage',
  mitigations: 'Mitigation',
  links: 'Links',
  open: 'open',
  prometheusGraph: 'Prometheus graph',
  alertmanager: 'Alertmanager',
  unmapped: (channel) =>
    `❔ No runbook matches this alert: generic card in ${channel}. Add a \`runbook\` label or list the alertname in a runbook.`,
  resolvedAuto: 'Resolved automatically: every alert has resolved.',
  resolvedBy: (user) => `Resolved by ${user}.`,
  updated: 'updated',
  timeline: 'Timeline',
  timelineKind: {
    opened: 'Opened',
    declared: 'Declared',
    alerts_firing: 'New alerts',
    alerts_resolved: 'Alerts resolved',
    reopened: 'Reopened',
    resolved: 'Resolved',
    impact_corrected: 'Impact window corrected',
    verification_started: 'Check started',
    verification_verdict: 'Check',
    acknowledged: 'Acknowledged',
    truncated: 'Alerts truncated',
    triage_checked: 'Triage ticked',
    triage_unchecked: 'Triage unticked',
    mitigation_started: 'Mitigation started',
    mitigation_succeeded: 'Mitigation succeeded',
    mitigation_failed: 'Mitigation failed',
    mitigation_dry_run: 'Mitigation simulated',
    note: 'Note',
    escalated: 'Escalation',
    escalation_delivered: 'Escalation delivered',
    notified: 'Runbook channels to notify',
    notification_delivered: 'Delivery to the runbook channels',
    followup_checked: 'Follow-up ticked',
    followup_unchecked: 'Follow-up unticked',
  },
  fallback: (id, severity, title, status) => `[${severity}] ${title} — ${status} (${id})`,
  actions,
  digest,
};
