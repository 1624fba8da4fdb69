import type { IncidentStatus, MitigationStatus, RunReason, Severity, TimelineKind } from '../incidents/types';

export interface CardStrings {
  status: Record<IncidentStatus, string>;
  severity: Record<Severity, string>;
  /** The severity's name in a title or a sentence (no emoji): never the internal key (`warning`). */
  severityName: Record<Severity, string>;
  fields: {
    status: string;
    severity: string;
    started: string;
    duration: string;
    runbook: string;
    incident: string;
  };
  since: (ago: string) => string;
  /** Under « Début » when Vigie received the first alert well after it started. */
  receivedAt: (when: string) => string;
  /** Under « Début » when the start is older than the SLO's lookback: the budget counts from `when`. */
  budgetFrom: (when: string, lookback: string) => string;
  lasted: (duration: string) => string;
  acknowledgedBy: (user: string) => string;
  /** Beside a status that already says what happened: « Pris en charge (par @x) ». */
  statusBy: (user: string) => string;
  /** « 1 incident ouvert », « 3 incidents ouverts » (the language's plural rules). */
  openIncidents: (count: number) => string;
  /** "*Routes touchées* : 2 en cours, 1 résolue", worded for the runbook's item label. */
  affected: (firing: number, resolved: number, itemLabel: string | undefined) => string;
  /** The same heading on a resolved card: how many, without « en cours ». */
  affectedTotal: (total: number, itemLabel: string | undefined) => string;
  more: (n: number) => string;
  truncated: (n: number) => string;
  triage: string;
  mitigations: string;
  links: string;
  open: string;
  prometheusGraph: string;
  alertmanager: string;
  unmapped: (channel: string) => string;
  resolvedAuto: string;
  resolvedBy: (user: string) => string;
  updated: string;
  timeline: string;
  timelineKind: Record<TimelineKind, string>;
  fallback: (id: string, severity: string, title: string, status: string) => string;
  actions: ActionStrings;
  digest: DigestStrings;
}

/** The storm digest: one message listing the incidents opened too fast for a card each. */
export interface DigestStrings {
  title: (runbook: string) => string;
  /** What the digest of alerts matching no runbook is about (its header and notification). */
  unmapped: string;
  explain: (total: number, perMinute: number, since: string) => string;
  /** Instead of `explain` once every incident of the digest is resolved. */
  over: (total: number, since: string) => string;
  more: (n: number) => string;
  openCard: string;
  placeholder: string;
  fallback: (runbook: string, total: number) => string;
}

export interface ActionStrings {
  acknowledge: string;
  /** The card button opening the resolve modal. */
  resolve: string;
  check: string;
  uncheck: string;
  checkedBy: (user: string, when: string) => string;
  retry: string;
  /** The button of a mitigation that already succeeded. */
  rerun: string;
  /** Said first in the confirm dialog of a mitigation that already succeeded. */
  alreadyRan: (user: string, when: string) => string;
  run: Record<MitigationStatus, string>;
  /** Why a run failed or what it did, when Vigie knows (the ops API's own words are shown as they are). */
  runReason: (reason: RunReason) => string;
  runBy: (user: string) => string;
  inMs: (ms: number) => string;
  summary: string;
  resolution: { cause: string; summary: string; impact: string };
  thread: (id: string) => string;
}
