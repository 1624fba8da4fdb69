/** The incident domain's vocabulary. Nothing here knows about Slack, Redis or HTTP. */
import type { TriggerCheck, Verification, VerifyTiming } from './verification-types';
import type { DeliveryResult, EscalationFlags, EscalationStep, FiredEscalation } from './escalation-types';
import type { TimelineEntry } from './timeline-types';
import type { Rejection } from './rejection';

export * from './escalation-types';
export * from './timeline-types';

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
  /** When Vigie stored this state of the alert (tells a re-fire from a late copy). */
  receivedAt?: number;
}

/** What a delivery's copy of an alert is compared with: its identity and timing, not its text. */
export type AlertState = Pick<AlertRecord, 'status' | 'startsAt' | 'endsAt' | 'receivedAt'>;

/** An interval of unavailability, in epoch milliseconds. */
export interface Window {
  start: number;
  end: number;
}

/**
 * What an incident knows of its alerts as a whole. The alerts themselves are stored beside the
 * incident (one record each), so a delivery reads and writes only the alerts it carries, whatever the
 * size of the storm; everything a card, an escalation rule or the error budget needs is kept here.
 */
export interface AlertTally {
  firing: number;
  resolved: number;
  /** The earliest startsAt (ms, never later than its receipt) of any alert: when the problem began. */
  firstStartsAt: number | undefined;
  /** While alerts fire: the earliest start among those firing since the incident last had none firing. */
  firingSince: number | undefined;
  /** The merged firing intervals of alerts that resolved (bounded: the closest merge beyond a limit). */
  closedWindows: Window[];
  /** Distinct alert names, the first few. */
  names: string[];
}

export interface TriageCheck {
  by: string;
  at: number;
}

export type MitigationStatus = 'running' | 'succeeded' | 'failed' | 'dry_run';

/**
 * Why a run failed (or what a dry run would have sent), as a code the surfaces word in the reader's
 * language. What the ops API itself said stays in the run's `message`, as it said it.
 */
export type RunReason =
  | { code: 'ops_not_configured' }
  | { code: 'timeout'; ms: number }
  | { code: 'connection_refused' }
  | { code: 'request_failed'; detail: string }
  | { code: 'unsafe_path'; variable: string; value: string }
  | { code: 'interrupted' };

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
  /** What the ops API said, or what a dry run would have sent, or the link or checklist followed. */
  message: string | undefined;
  /** Why it failed, when Vigie knows (absent on runs recorded before codes existed). */
  reason?: RunReason | undefined;
  /** The ops API may have acted but nobody knows (timeout, lost replica): a retry must reuse the key. */
  unknown?: boolean;
  /** The run whose idempotency key this run sends (itself unless it retries an unknown outcome). */
  keyRun?: number;
}

export interface MitigationOutcome {
  status: Exclude<MitigationStatus, 'running'>;
  httpStatus: number | undefined;
  durationMs: number | undefined;
  message: string | undefined;
  reason?: RunReason | undefined;
  /** Failed without knowing whether the ops API acted (timeout, connection lost, replica lost). */
  unknown?: boolean;
}

export interface Resolution {
  cause: string;
  summary: string;
  customerImpact: string;
  /** The impact window a responder corrected (for the error budget), if they did. */
  impact?: { start: number; end: number };
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
  /** The trigger's measure, for verifications (absent: the trigger has no threshold to check). */
  trigger?: TriggerCheck | undefined;
  /** Mitigations checked after they succeed, with their timing (absent or missing id: not checked). */
  verify?: Record<string, VerifyTiming>;
  /**
   * Whether this incident consumes the availability budget (its runbook is in the SLO's `consumed_by`
   * and its alerts are in the SLO's scope, e.g. `env=prod`); absent on incidents from before: by runbook.
   */
  consumesBudget?: boolean;
  /** How long before its receipt an alert's start may count against the budget (absent: no limit). */
  startLookbackMs?: number;
  /**
   * New cards per minute in a channel above which this runbook's new incidents are listed on one
   * storm digest instead of a card each (absent: DEFAULT_CARDS_PER_MINUTE).
   */
  cardsPerMinute?: number;
  /** Frozen when the incident opens: editing the runbook later does not move a running incident's deadlines. */
  escalation: EscalationStep[];
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
  /** Counts and impact of the incident's alerts (the alerts are stored beside it: `listAlerts`). */
  alertTally: AlertTally;
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
  /** When the current phase began (opening or reopening): escalation deadlines count from here. */
  phaseStartedAt: number;
  escalations: FiredEscalation[];
  flags: EscalationFlags;
  /** Post-incident duties ticked (post-mortem, roadmap RESULTATS, SLO budgets), by id from the SLO file. */
  followups: Record<string, TriageCheck>;
  /** Each successful mitigation's check against the trigger (absent on incidents from before). */
  verifications?: Verification[];
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
  | { type: 'escalation_fired'; incident: Incident; step: EscalationStep; by: string }
  | { type: 'escalation_delivered'; incident: Incident; stepId: string; results: DeliveryResult[] }
  | { type: 'verification_decided'; incident: Incident; verification: Verification };

export type IncidentCommand =
  /** `known`: what the incident knows of the group's alerts (by fingerprint), read beside it. */
  | { type: 'receive_alerts'; group: AlertGroup; known: ReadonlyMap<string, AlertState> }
  | { type: 'acknowledge'; actor: string }
  | { type: 'resolve'; actor: string; resolution?: Resolution }
  | { type: 'check_triage'; actor: string; stepId: string }
  | { type: 'check_followup'; actor: string; itemId: string }
  | { type: 'uncheck_followup'; actor: string; itemId: string }
  | { type: 'uncheck_triage'; actor: string; stepId: string }
  /** `staleAfterMs`: a run still "running" after this long is presumed lost (its worker died). */
  | { type: 'start_mitigation'; actor: string; mitigationId: string; staleAfterMs: number }
  | { type: 'finish_mitigation'; mitigationId: string; number: number; outcome: MitigationOutcome }
  | { type: 'add_note'; actor: string; text: string }
  /** `generation` is the phase the timer or button was armed for; another phase makes it a no-op. */
  | { type: 'fire_escalation'; actor: string; stepId: string; generation: number }
  | { type: 'record_delivery'; stepId: string; generation: number; results: DeliveryResult[] }
  /** A verification's verdict (or why there is none); the run it judges identifies it. */
  | {
      type: 'record_verdict';
      mitigationId: string;
      run: number;
      verdict: Pick<Verification, 'status' | 'expr' | 'worst' | 'last' | 'problem' | 'condition'>;
    };

export type Transition =
  /** `alerts`: the alert records to store with the change (new or changed states; the rest are kept). */
  | { outcome: 'changed'; incident: Incident; events: IncidentEvent[]; alerts?: AlertRecord[] }
  | { outcome: 'unchanged'; reason: string }
  | { outcome: 'rejected'; rejection: Rejection };
