/** Every kind of timeline entry (stored documents are checked against this list). */
export const TIMELINE_KINDS = [
  'opened',
  'declared',
  'alerts_firing',
  'alerts_resolved',
  'reopened',
  'resolved',
  /** A responder gave the real impact window at resolution: the budget counts it instead (details: start, end in ms). */
  'impact_corrected',
  'acknowledged',
  'truncated',
  'triage_checked',
  'triage_unchecked',
  'mitigation_started',
  'mitigation_succeeded',
  'mitigation_failed',
  'mitigation_dry_run',
  'note',
  'escalated',
  'escalation_delivered',
  /** The runbook's channels reached at open (PagerDuty, email): not an escalation. */
  'notified',
  'notification_delivered',
  'followup_checked',
  'followup_unchecked',
  /** A mitigation succeeded and its check against the trigger began (details: mitigation id). */
  'verification_started',
  /** A verification's verdict (details: mitigation id, then the verdict as JSON). */
  'verification_verdict',
] as const;

export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** Timeline kinds worth a message in the card's thread; the rest only show on the card. */
export const THREAD_WORTHY: ReadonlySet<TimelineKind> = new Set<TimelineKind>([
  'declared',
  'reopened',
  'resolved',
  'impact_corrected',
  'verification_verdict',
  'mitigation_succeeded',
  'mitigation_failed',
  'mitigation_dry_run',
  'note',
  'escalated',
  'escalation_delivered',
  'notification_delivered',
]);

export interface TimelineEntry {
  /** 1, 2, 3… in order of appending, never reused (the thread remembers the last one it posted). */
  seq: number;
  at: number;
  /** "alertmanager", "vigie", or a Slack user id for people. */
  actor: string;
  kind: TimelineKind;
  /** Short, language-neutral details (alert items, counts); the card renders the sentence. */
  details: string[];
}
