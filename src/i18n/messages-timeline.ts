import type { DeliveryOutcome, DeliveryReason, EscalationChannel } from '../incidents/types';
import type { VerificationProblem, VerificationStatus } from '../incidents/verification-types';

/** Names for the runbook ids a timeline entry carries: step titles, role names, duty labels. */
export interface TimelineNames {
  /** A moment as the surface shows it (a Slack date token, or UTC text in an email). */
  time?: (ms: number) => string;
  triage: (id: string) => string;
  mitigation: (id: string) => string;
  /** A step's description, the sentence of its runbook. */
  escalation: (id: string) => string;
  /** A step as its delivery lines name it: short, where the description is a sentence. */
  escalationName: (id: string) => string;
  role: (id: string) => string;
  followup: (id: string) => string;
  /** A person (a Slack user id, "alertmanager", "vigie"): a mention on Slack, a name elsewhere. */
  person: (actor: string) => string;
}

export interface TimelineStrings {
  delivery: (
    channel: EscalationChannel,
    target: string,
    outcome: DeliveryOutcome,
    reason: string | undefined,
    attempts?: number,
  ) => string;
  /** `detail`: words from outside (Slack's error code, an HTTP answer, a variable name). */
  deliveryReason: (reason: DeliveryReason, detail: string) => string;
  count: (n: number) => string;
  /** The impact window a responder gave: « de 14:05 à 14:32 ». */
  window: (start: string, end: string) => string;
}

/** A mitigation's check against the trigger: pending, then its verdict. */
export interface VerificationStrings {
  /** « alerte si > 0 »: the trigger's own condition. */
  condition: (comparison: string, threshold: string) => string;
  pending: (mitigation: string, condition: string, at: string) => string;
  recovered: (mitigation: string, last: string, condition: string, held: string) => string;
  degraded: (mitigation: string, worst: string, condition: string, after: string) => string;
  impossible: (mitigation: string, why: string) => string;
  problem: (problem: VerificationProblem) => string;
  graph: string;
  next: string;
  /** The post-mortem's « Efficacité des mitigations » table. */
  tableTitle: string;
  tableHead: [string, string, string, string, string];
  /** In place of the table when no run was checked: says which runs are, so « nothing » is not a gap. */
  noneChecked: string;
  status: Record<VerificationStatus, string>;
}
