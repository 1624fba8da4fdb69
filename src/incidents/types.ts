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
  'opened' | 'alerts_firing' | 'alerts_resolved' | 'reopened' | 'resolved' | 'acknowledged' | 'truncated';

export interface TimelineEntry {
  at: number;
  /** "alertmanager", "vigie", or a Slack user id for people. */
  actor: string;
  kind: TimelineKind;
  /** Short, language-neutral details (alert items, counts); the card renders the sentence. */
  details: string[];
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
  | { type: 'incident_resolved'; incident: Incident; by: string };

export type IncidentCommand =
  | { type: 'receive_alerts'; group: AlertGroup }
  | { type: 'acknowledge'; actor: string }
  | { type: 'resolve'; actor: string };

export type Transition =
  | { outcome: 'changed'; incident: Incident; events: IncidentEvent[] }
  | { outcome: 'unchanged'; reason: string }
  | { outcome: 'rejected'; reason: string };
