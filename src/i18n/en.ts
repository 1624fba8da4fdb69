import type { Messages } from './messages';
import { durationIn } from './duration';
import { card } from './en-card';
import { refusal } from './en-refusal';
import { CHANNELS, timeline, verification } from './en-timeline';

export const en: Messages = {
  locale: 'en',
  colon: ': ',
  duration: durationIn({ day: 'd', hour: 'h', minute: 'min', second: 's' }),
  card,
  budget: {
    unavailable: (problem) =>
      `📉 Error budget: unavailable (${
        problem === undefined
          ? 'cannot be computed right now'
          : problem.code === 'unreachable'
            ? `Prometheus unreachable: ${problem.detail}`
            : problem.code === 'prometheus_error'
              ? `Prometheus answered ${problem.status}${problem.error === undefined ? '' : `: ${problem.error}`}`
              : 'the SLI query does not give one value between 0 and 1'
      })`,
    line: (f) =>
      `📉 Error budget: ${f.consumed} used of ${f.budget} (${f.percent} %) — this month, computed at ${f.at}${f.data === undefined ? '' : ` (from ${f.data} of data)`}${f.threatened ? ' · ⚠️ SLA threatened' : ''}`,
  },
  slo: {
    title: '*SLOs — this month*',
    burn: (burn, projected, source, paceOver) =>
      `Burn rate: × ${burn.toFixed(2)} · projected at month end: ${projected}${paceOver === undefined ? '' : ` (pace counted over ${paceOver} early in the month)`} (source: ${source === 'incidents' ? 'Vigie incidents' : 'Prometheus (SLI)'})`,
    rtoBreached: (when) => `RTO breached (deadline ${when})`,
    rtoBefore: (when) => `RTO before ${when}`,
    rpoAge: (age, rpo) => `${age} unarchived / RPO ${rpo}`,
  },
  recovery: {
    rtoUntil: (rto, when) => `⏱️ RTO ${rto}: back in service before ${when}`,
    agoTime: (elapsed) => `${elapsed} ago`,
    rtoPassed: (rto, when) => `⏱️ RTO ${rto} breached: back in service was due before ${when}`,
    rtoOutcome: (rto, met, took) => `⏱️ RTO ${rto} ${met ? 'met' : 'breached'} (${took})`,
    rpo: (age, rpo, over) =>
      `🗄️ Audit logs unarchived for ${age} (RPO ${rpo})${over ? ' — RPO breached' : ''}`,
    rpoOutcome: (rpo, met, age) =>
      `🗄️ RPO ${rpo} ${met ? 'met' : 'breached'} (audit logs went unarchived for ${age})`,
  },
  escalation: {
    next: (who, when, description) => `⏰ Escalation to ${who} on ${when} — _${description}_`,
    inTime: (left) => `in ${left}`,
    flags: {
      postmortemRequired: '📝 Post-mortem required',
      customerInformationRequired: '📣 Inform impacted customers',
      incidentReportRequired: '🗂️ Incident report required',
      rtoBreached: '⏱️ RTO breached',
    },
    confirmTitle: 'Escalate?',
    confirm: 'Escalate',
    deny: 'Cancel',
    channels: CHANNELS,
    reach: (whom, how) => `will reach ${whom} (${how})`,
    prompt: (id, description, reach) => `🚨 Escalate ${id} now? _${description}_ — ${reach}.`,
    promptButton: 'Escalate now',
    promptFallback: (id) => `Escalate ${id}?`,
    promptDone: (id, description, reach) =>
      `🚨 Escalation of ${id} fired: _${description}_ — ${reach}. Its card's thread follows each send.`,
    channelMessage: (id, severity, title, who) => `🚨 Escalation \`${id}\` (${severity}) — ${title}${who}`,
    pageSummary: (severity, id, title, rule) => `[${severity}] ${id} ${title} — ${rule}`,
    pageCardLink: 'Incident card in Slack',
    unpaged: (roles) => `PagerDuty could not reach ${roles}: escalated by email and a Slack mention instead.`,
  },
  followups: {
    heading: '*Post-incident follow-up* (post-mortem required)',
    doneBy: (user, when) => `done by ${user} ${when}`,
    done: 'Done',
    reopen: 'Reopen',
  },
  commands: {
    help: [
      '*Vigie — /incident* (without an id: the channel’s only open incident)',
      '• `list [words]` — open incidents (those whose id, title or a label holds the words)',
      '• `slo` — this month’s error budget, RTO/RPO of open incidents',
      '• `status [id]` — where an incident stands',
      '• `ack [id]` — take the incident',
      '• `rollback [id]` · `mitigate &lt;action&gt; [id]` — run a mitigation (asks for confirmation)',
      '• `note [id] &lt;text&gt;` — add a note to the timeline (the id before or after the text)',
      '• `resolve [id]` — resolve (cause, summary, customer impact)',
      '• `escalate [id]` — escalate now (asks for confirmation)',
      '• `postmortem [id]` — post-mortem draft',
      '• `declare &lt;runbook&gt; [summary]` — declare an incident (no argument: a form)',
    ],
    name: {
      status: 'status',
      ack: 'ack',
      postmortem: 'postmortem',
      rollback: 'rollback',
      mitigate: 'mitigate',
      note: 'note',
      resolve: 'resolve',
      escalate: 'escalate',
    },
    unknownSubcommand: (name) => `Unknown subcommand \`${name}\`. Here is what \`/incident\` does:`,
    noteWithoutText:
      'The note has no text: `/incident note [id] &lt;text&gt;`. Here is what `/incident` does:',
    noIncident: 'No open incident.',
    openMatching: (count, query) => `${count} open incident${count === 1 ? '' : 's'} matching “${query}”`,
    noMatch: (query) => `No open incident matches “${query}”. \`/incident list\` shows them all.`,
    listMore: (hidden) =>
      `… and ${hidden} more: \`/incident list &lt;words&gt;\` narrows it (a service, a route, an id)`,
    noIncidentHere: (example) => `No open incident in this channel: give its id, e.g. ${example}.`,
    whichIncident: (ids, example) => `Several open incidents here (${ids}): which one? e.g. ${example}`,
    otherIds: (hidden) => `and ${hidden} more: \`/incident list &lt;words&gt;\``,
    acknowledged: (id) => `👀 ${id} acknowledged.`,
    noteAdded: (id) => `📝 Note added to ${id}.`,
    declared: (id) => `📣 ${id} declared.`,
    confirmMitigation: (label, id) => `Confirm the mitigation "${label}" on ${id}`,
    mitigationStarted: (label, id, run, dryRun) =>
      `🛠️ Mitigation "${label}" ${dryRun ? 'simulated (nothing sent)' : 'started'} on ${id}, run #${run}: its outcome shows on the card and in its thread.`,
    triageProgress: (ticked, total) => `Triage: ${ticked}/${total}`,
    postmortemTitle: (id) => `Post-mortem ${id}`,
    postmortemCut: (lines) =>
      `… and ${lines} more line${lines === 1 ? '' : 's'}: the whole draft is shared as a file in the card's thread on resolution.`,
  },
  refusal,
  gate: {
    foreignWorkspace:
      '⛔ Vigie is not installed in this workspace: nothing was done. The attempt is recorded.',
    notReady:
      'Vigie is starting (Slack workspace not confirmed yet): nothing was done, try again in a moment.',
  },
  modals: {
    resolveTitle: (id) => `Resolve ${id}`,
    resolve: 'Resolve',
    cancel: 'Cancel',
    cause: 'Cause',
    summary: 'Summary',
    impact: 'Customer impact',
    impactStart: 'Actual impact start (UTC, YYYY-MM-DD HH:MM) — optional',
    impactEnd: 'Actual impact end (UTC, YYYY-MM-DD HH:MM) — optional',
    declareTitle: 'Declare an incident',
    declare: 'Declare',
    severity: 'Severity',
    runbook: 'Runbook',
    blank: 'Required: the post-mortem needs it.',
    blankSummary: 'Required: a few words on what is seen (the card and the pages carry them).',
    window: {
      format: (typed, nowUtc) =>
        `"${typed}" is not a valid date and time: YYYY-MM-DD HH:MM, in UTC (e.g. ${nowUtc}, the current UTC time).`,
      missingStart: 'The start is missing: give both times, or neither.',
      missingEnd: 'The end is missing: give both times, or neither.',
      notAfterStart: (start) => `The end must be after the start (${start}).`,
      future: (nowUtc) => `That is in the future: it is ${nowUtc} UTC (times are in UTC, not local time).`,
    },
  },
  home: { title: 'Vigie — open incidents', none: '✅ No open incident.', help: '`/incident help`' },
  timeline,
  verification,

  number: (value) =>
    Number.isInteger(value) ? String(value) : value.toLocaleString('en-GB', { maximumFractionDigits: 3 }),
  email: {
    subject: (opening, id, severity, title) =>
      `[Vigie] ${opening ? 'New incident' : 'Escalation'} ${id} (${severity}) — ${title}`,
    heading: (opening, id, title) =>
      opening ? `New incident ${id} — ${title}` : `Escalation of incident ${id} — ${title}`,
    rule: (description) => `Rule: ${description}`,
    state: (severity, status, runbook) => `Severity: ${severity} · Status: ${status} · Runbook: ${runbook}`,
    started: (when) => `Started: ${when}`,
    deadlinePassed: (when) => `Deadline passed: ${when}`,
    thread: (link) => `Slack thread: ${link}`,
    timeline: 'Timeline:',
  },
  postmortem: {
    fileTitle: (id) => `Post-mortem ${id} (draft)`,
    fileComment: (id) =>
      `📝 Draft post-mortem of ${id}, written by Vigie: for the team to complete (the « to fill in » sections).`,
    runbook: (runbook, severity) => `- Runbook: \`${runbook ?? 'none'}\` · final severity ${severity}`,
    started: (start, receivedAt, resolved) =>
      `- Started ${start}${receivedAt === undefined ? '' : ` (received by Vigie ${receivedAt})`}, ${resolved === undefined ? 'not resolved yet' : `resolved ${resolved.at} by ${resolved.by} — lasted ${resolved.duration}`}`,
    acknowledged: (by, after) => `- Acknowledged by ${by} ${after} after Vigie opened it`,
    affected: (count, items, more) =>
      `- Affected items (${count}): ${items || '—'}${more > 0 ? ` (+${more})` : ''}`,
    customerImpact: (impact) => `- Customer impact: ${impact ?? '_to fill in_'}`,
    budget: (consumed, budget, percent, at) =>
      `- Error budget this month: ${consumed} used of ${budget} (${percent} %), computed ${at}`,
    noBudget: '- Error budget: does not apply to this runbook, or unavailable',
    rto: (rto, met, took) => `- RTO ${rto}: ${met ? 'met' : 'breached'} (${took})`,
    rtoOpen: (rto, deadline, passed) =>
      passed
        ? `- RTO ${rto}: breached, not resolved yet — service was due back before ${deadline}`
        : `- RTO ${rto}: not resolved yet — service to be restored before ${deadline}`,
    drafted: (at, resolved) =>
      resolved
        ? `Draft written by Vigie on ${at}, once the incident was resolved, for the team to complete.`
        : `Draft written by Vigie on ${at}, before the incident was resolved: to be redone once it is, then completed by the team.`,
    rpo: (rpo, met, age) =>
      `- RPO ${rpo}: ${met ? 'met' : 'breached'} (audit logs went unarchived for ${age})`,
    rpoOpen: (rpo, age, limit, passed) =>
      passed
        ? `- RPO ${rpo}: breached, not resolved yet — audit logs unarchived for ${age} (limit reached ${limit})`
        : `- RPO ${rpo}: not resolved yet — audit logs unarchived for ${age}, to be archived before ${limit}`,
    declared: (summary) => `- Incident declared by hand: ${summary}`,
    detected: (count, first, names) =>
      `- ${count} Alertmanager alert${count === 1 ? '' : 's'}, first at ${first}: ${names}`,
    noMitigation: '- No mitigation run from Vigie.',
    noEscalation: '- No escalation.',
    toFill: '_to fill in_',
    cause: (cause) => `${cause}\n\n_to dig into (5 whys)_`,
  },
  sandbox: {
    outcome: {
      opened: 'opened',
      reopened: 'reopened',
      updated: 'updated',
      resolved: 'resolved',
      unchanged: 'unchanged (already known)',
      nothing_firing: 'nothing firing (no incident opened)',
    },
    pageAction: { trigger: 'trigger', acknowledge: 'acknowledge', resolve: 'resolve' },
  },
  policy: {
    openingStep: (channels) => `Opening: runbook channels (${channels.join(' + ')})`,
    unmappedTitle: 'Alert with no runbook',
  },
  watchdog: {
    overdue: (count, oldest) =>
      `⏰ Vigie: ${count} escalation deadline${count === 1 ? '' : 's'} late by more than a minute (oldest: ${oldest}). Check that Vigie and Redis are running.`,
  },
};
