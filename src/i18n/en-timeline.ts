import type { TimelineStrings, VerificationStrings } from './messages';

/** How the escalation's channels are named, in English. */
export const CHANNELS = {
  pagerduty: 'PagerDuty',
  email: 'email',
  slack: 'Slack',
  slack_dm: 'direct message',
} as const;

const SLACK_ERRORS: Record<string, string> = {
  channel_not_found: 'channel not found',
  not_in_channel: 'Vigie is not a member of the channel',
  is_archived: 'channel archived',
  user_not_found: 'user not found',
  cannot_dm_bot: 'cannot send a direct message',
};

/** The timeline's and the mitigations' verification words, in English (the card, the thread, the post-mortem). */
export const timeline: TimelineStrings = {
  delivery: (channel, target, outcome, reason, attempts) => {
    const word = { sent: 'sent', fallback: 'sent (fallback)', failed: 'failed', skipped: 'not sent' }[
      outcome
    ];
    const said = attempts === undefined ? word : `${word} after ${attempts} attempts`;
    return `${CHANNELS[channel]}${target === '' ? '' : ` ${target}`}: ${said}${reason === undefined ? '' : ` (${reason})`}`;
  },
  deliveryReason: (reason, detail) => {
    switch (reason) {
      case 'resolved_before_delivery':
        return 'resolved before sending';
      case 'no_address':
        return 'no email address for this role';
      case 'no_slack_user':
        return 'no Slack user for this role';
      case 'no_pagerduty_service':
        return 'no PagerDuty service for this role';
      case 'routing_key_unset':
        return `PagerDuty key missing (${detail})`;
      case 'email_not_configured':
        return 'email not configured (SMTP_URL)';
      case 'email_failed':
        return `the mail server refused: ${detail}`;
      case 'pagerduty_failed':
        return `PagerDuty refused: ${detail}`;
      case 'pagerduty_unreachable':
        return 'PagerDuty unreachable';
      case 'slack_refused':
        return SLACK_ERRORS[detail] ?? `refused by Slack (${detail})`;
    }
  },
  count: (n) => `${n} alert${n === 1 ? '' : 's'}`,
  window: (start, end) => `from ${start} to ${end}, the error budget counts this window`,
};

export const verification: VerificationStrings = {
  condition: (comparison, threshold) => `alert if ${comparison} ${threshold}`,
  pending: (mitigation, condition, at) => `🔎 Checking: ${mitigation} — ${condition}, verdict at ${at}`,
  recovered: (mitigation, last, condition, held) =>
    `✅ Recovered after ${mitigation}: value ${last} (${condition}), under the threshold for ${held}`,
  degraded: (mitigation, worst, condition, after) =>
    `⚠️ Still degraded ${after} after ${mitigation}: value ${worst} (${condition})`,
  impossible: (mitigation, why) => `❔ Cannot check ${mitigation}: ${why}`,
  problem: (problem) => {
    switch (problem.code) {
      case 'prometheus_unreachable':
        return `Prometheus unreachable (${problem.detail})`;
      case 'prometheus_error':
        return `Prometheus answered ${problem.status}${problem.error === undefined ? '' : `: ${problem.error}`}`;
      case 'no_data':
        return "no data for this incident's labels";
      case 'no_threshold':
        return "the trigger's expression has no threshold to compare";
      case 'not_configured':
        return 'PROMETHEUS_URL is not set';
    }
  },
  graph: 'graph',
  next: 'Next mitigation',
  tableTitle: 'Mitigation effectiveness',
  tableHead: ['Mitigation', 'By', 'When', 'Verdict', 'Values'],
  noneChecked:
    '_No mitigation checked: a mitigation is checked when it succeeded and the runbook has its effect checked on the trigger._',
  status: {
    pending: 'checking',
    recovered: 'recovered',
    degraded: 'still degraded',
    impossible: 'impossible',
  },
};
