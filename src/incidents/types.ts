/** The incident domain's vocabulary. Nothing here knows about Slack, Redis or HTTP. */

export type Severity = 'SEV1' | 'SEV2' | 'warning';
export type IncidentStatus = 'open' | 'acknowledged' | 'resolved';
export type AlertStatus = 'firing' | 'resolved';

/** One Alertmanager alert as the incident remembers it. `startsAt` is kept verbatim: with the
 * fingerprint and status it is the alert's identity for deduplication. */
export interface AlertRecord {
  fingerprint: string;
  status: AlertStatus;
  startsAt: string;
  endsAt: string | undefined;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  generatorURL: string | undefined;
}

export type TimelineKind =
  | 'opened'
  | 'declared'
  | 'alerts_firing'
  | 'alerts_resolved'
  | 'reopened'
  | 'resolved'
  | 'acknowledged'
  | 'truncated'
  | 'triage_checked'
  | 'triage_unchecked'
  | 'mitigation_started'
  | 'mitigation_succeeded'
  | 'mitigation_failed'
  | 'mitigation_dry_run'
  | 'note'
  | 'escalated';

/** Timeline kinds worth a message in the card's thread; the rest only show on the card. */
export const THREAD_WORTHY: ReadonlySet<TimelineKind> = new Set<TimelineKind>([
  'declared',
  'reopened',
  'resolved',
  'mitigation_succeeded',
  'mitigation_failed',
  'mitigation_dry_run',
  'note',
  'escalated',
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

export interface TriageCheck {
  by: string;
  at: number;
}

export type MitigationStatus = 'running' | 'succeeded' | 'failed' | 'dry_run';

/** One press of a mitigation and what came of it. */
export interface MitigationRun {
  /** 1 for the first run of this mitigation on this incident, then 2… (part of the idempotency key). */
  number: number;
  status: MitigationStatus;
  by: string;
  startedAt: number;
  finishedAt: number | undefined;
  httpStatus: number | undefined;
  durationMs: number | undefined;
  /** What the ops API said, or why it failed, or what a dry run would have sent. */
  message: string | undefined;
}

export interface MitigationOutcome {
  status: Exclude<MitigationStatus, 'running'>;
  httpStatus: number | undefined;
  durationMs: number | undefined;
  message: string | undefined;
}

export interface Resolution {
  cause: string;
  summary: string;
  customerImpact: string;
}

/** What the runbook decides for an incident, frozen onto it when it opens. */
export interface IncidentPolicy {
  runbookId: string | null;
  title: string;
  severity: Severity;
  channels: string[];
  autoResolve: boolean;
  reopenWindowMs: number;
  /** The label that tells one incident's alerts apart (e.g. `path`), if any. */
  itemLabel: string | undefined;
}

export interface Incident {
  id: string;
  /** Runbook + grouping label values: alerts with the same key share one incident. */
  key: string;
  policy: IncidentPolicy;
  severity: Severity;
  status: IncidentStatus;
  /** Bumped on every save; a save succeeds only against the version it read. */
  version: number;
  /** Bumped when the incident opens, reopens or resolves, so work scheduled for an older phase is ignored. */
  generation: number;
  openedAt: number;
  updatedAt: number;
  acknowledgedAt: number | undefined;
  acknowledgedBy: string | undefined;
  resolvedAt: number | undefined;
  resolvedBy: string | undefined;
  groupLabels: Record<string, string>;
  alerts: Record<string, AlertRecord>;
  /** Alerts Alertmanager said it cut from its last delivery (`truncatedAlerts`). */
  truncatedAlerts: number;
  externalURL: string | undefined;
  timeline: TimelineEntry[];
  /** Oldest timeline entries dropped to keep the document bounded. */
  timelineDropped: number;
  /** Triage steps ticked, by runbook step id. */
  triage: Record<string, TriageCheck>;
  /** Runs of each mitigation, by runbook mitigation id, oldest first. */
  mitigations: Record<string, MitigationRun[]>;
  /** Free-text summary given when a person declares the incident (no alert). */
  summary: string | undefined;
  resolution: Resolution | undefined;
}

/** A delivery's alerts that belong to one incident key. */
export interface AlertGroup {
  key: string;
  policy: IncidentPolicy;
  groupLabels: Record<string, string>;
  alerts: AlertRecord[];
  truncatedAlerts: number;
  externalURL: string | undefined;
}

export type IncidentEvent =
  | { type: 'incident_opened'; incident: Incident }
  | { type: 'incident_reopened'; incident: Incident }
  | { type: 'alerts_changed'; incident: Incident; firing: number; resolved: number; recorded: number }
  | { type: 'incident_acknowledged'; incident: Incident; by: string }
  | { type: 'incident_resolved'; incident: Incident; by: string }
  | { type: 'triage_changed'; incident: Incident; stepId: string; checked: boolean; by: string }
  | { type: 'mitigation_started'; incident: Incident; mitigationId: string; run: MitigationRun }
  | { type: 'mitigation_finished'; incident: Incident; mitigationId: string; run: MitigationRun }
  | { type: 'note_added'; incident: Incident; by: string }
  | { type: 'escalation_recorded'; incident: Incident; by: string };

export type IncidentCommand =
  | { type: 'receive_alerts'; group: AlertGroup }
  | { type: 'acknowledge'; actor: string }
  | { type: 'resolve'; actor: string; resolution?: Resolution }
  | { type: 'check_triage'; actor: string; stepId: string }
  | { type: 'uncheck_triage'; actor: string; stepId: string }
  /** `staleAfterMs`: a run still "running" after this long is presumed lost (its worker died). */
  | { type: 'start_mitigation'; actor: string; mitigationId: string; staleAfterMs: number }
  | { type: 'finish_mitigation'; mitigationId: string; number: number; outcome: MitigationOutcome }
  | { type: 'add_note'; actor: string; text: string }
  | { type: 'record_escalation'; actor: string; details: string[] };

export type Transition =
  | { outcome: 'changed'; incident: Incident; events: IncidentEvent[] }
  | { outcome: 'unchanged'; reason: string }
  | { outcome: 'rejected'; reason: string };
