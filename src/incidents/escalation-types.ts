import type { Severity } from './types';

/** Escalation: when steps fire, whom they reach, and what each delivery gave. */
export type EscalationChannel = 'pagerduty' | 'email' | 'slack' | 'slack_dm';

/** When an escalation step fires. */
export type EscalationTrigger =
  /**
   * A deadline `afterMs` after its anchor: the phase's start (Vigie opened or reopened the incident),
   * or, with `from: 'start'`, the incident's start as its card counts it (the RTO's and RPO's clock:
   * an alert received late is already that much late). Absent: 'opening'.
   */
  | { kind: 'after'; afterMs: number; from?: 'opening' | 'start' }
  /**
   * The runbook's channels when the incident opens: at once, or once it has been firing `delayMs`
   * or has `alertsAtLeast` firing alerts; again at a reopening only if `onReopen`.
   */
  | { kind: 'opened'; delayMs: number | undefined; alertsAtLeast: number | undefined; onReopen: boolean }
  | { kind: 'button'; label: string }
  | {
      kind: 'conditions';
      openLongerThanMs: number | undefined;
      affectedAtLeast: number | undefined;
      slaThreatened: boolean;
    };

export interface EscalationFlags {
  postmortemRequired: boolean;
  customerInformationRequired: boolean;
  incidentReportRequired: boolean;
  rtoBreached: boolean;
}

/** One step of the runbook's escalation, as frozen onto the incident. */
export interface EscalationStep {
  id: string;
  description: string;
  /** A short name for the step's delivery lines, when its runbook gives one. */
  name?: string;
  trigger: EscalationTrigger;
  unless: Array<'resolved' | 'acknowledged'>;
  /** Role ids from contacts.yml. */
  notify: string[];
  via: EscalationChannel[];
  /** Roles per channel, when they are not every `notify` role on every `via` channel (the runbook's channels). */
  routes?: Partial<Record<EscalationChannel, string[]>>;
  sets: { severity?: Severity } & Partial<EscalationFlags>;
}

export const DELIVERY_OUTCOMES = ['sent', 'failed', 'skipped', 'fallback'] as const;
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

/** Why a delivery was skipped or failed, as a code the surfaces word (details from outside stay in `detail`). */
export const DELIVERY_REASONS = [
  'resolved_before_delivery',
  'no_address',
  'no_slack_user',
  'no_pagerduty_service',
  'routing_key_unset',
  'email_not_configured',
  'email_failed',
  'pagerduty_failed',
  'slack_refused',
  'pagerduty_unreachable',
] as const;
export type DeliveryReason = (typeof DELIVERY_REASONS)[number];

export interface DeliveryResult {
  channel: EscalationChannel;
  target: string;
  outcome: DeliveryOutcome;
  reason?: DeliveryReason | undefined;
  /** How many attempts it took, when more than one (PagerDuty retries 429s and 5xx). */
  attempts?: number | undefined;
  /** Words from outside (an HTTP answer, Slack's error code, a variable's name): shown as they are. */
  detail: string;
  /** The delivery item it ends (e.g. `pagerduty:oncall-backend`): each is recorded once. */
  item?: string;
}

/** A step that fired, in which phase (generation), by whom, and what each of its deliveries gave. */
export interface FiredEscalation {
  stepId: string;
  generation: number;
  firedAt: number;
  by: string;
  /** One result per delivery item, as each ends (undefined until the first). */
  deliveries: DeliveryResult[] | undefined;
}
