import type { IngestOutcome } from '../incidents/receive-batch';
import type { EscalationChannel, Incident } from '../incidents/types';
import type { Refusal } from '../responders/refusal';
import type { PolicyWords } from '../runbooks/incident-policy';
import type { SliProblem } from '../slo/prometheus-sli';
import type { Locale } from './locale';
import type { ActionStrings, CardStrings, DigestStrings } from './messages-card';
import type { PostmortemStrings } from './messages-postmortem';
import type { TimelineNames, TimelineStrings, VerificationStrings } from './messages-timeline';

export type {
  ActionStrings,
  CardStrings,
  DigestStrings,
  PostmortemStrings,
  TimelineNames,
  TimelineStrings,
  VerificationStrings,
};

/**
 * Every word a person reads, by surface. Two catalogues implement it (fr.ts, en.ts); builders take
 * the one of the configured locale and never test the locale themselves (a lint rule keeps it so).
 * Arguments arrive already formatted (durations, Slack date tokens, escaped text): the catalogue
 * only words them.
 */
export interface Messages {
  locale: Locale;
  /** Before what follows a label: « Note : texte » in French, "Note: text" in English. */
  colon: string;
  /** Durations, one rule everywhere: whole minutes elapsed ("2 h 05 min" never rounds up), seconds under a minute. */
  duration: (ms: number) => string;
  /** The incident card: fields, buttons, the storm digest. */
  card: CardStrings;
  budget: BudgetStrings;
  slo: SloStrings;
  recovery: RecoveryStrings;
  escalation: EscalationStrings;
  followups: FollowupStrings;
  commands: CommandStrings;
  refusal: (refusal: Refusal, f: RefusalFormat) => string;
  gate: { foreignWorkspace: string; notReady: string };
  modals: ModalStrings;
  home: { title: string; none: string; help: string };
  timeline: TimelineStrings;
  verification: VerificationStrings;
  /** A measured value as the language writes it (« 0,25 », "0.25"). */
  number: (value: number) => string;
  email: EmailStrings;
  postmortem: PostmortemStrings;
  watchdog: { overdue: (count: number, oldest: string) => string };
  /** The local sandbox's page: what a simulated alert did to its incident. */
  sandbox: {
    outcome: Record<IngestOutcome, string>;
    /** A recorded page's PagerDuty event action (trigger, acknowledge, resolve). */
    pageAction: Record<'trigger' | 'acknowledge' | 'resolve', string>;
  };
  /** Vigie's own words frozen into an incident's policy (the opening step, an unmapped alert's title). */
  policy: PolicyWords;
}

/**
 * How a refusal names what it carries: roles by their names, people as mentions, times as tokens,
 * and text from outside (a runbook's words) made inert.
 */
export interface RefusalFormat {
  role: (id: string) => string;
  person: (id: string) => string;
  time: (ms: number) => string;
  quote: (text: string) => string;
}

export interface BudgetStrings {
  unavailable: (problem: SliProblem | undefined) => string;
  /** « 📉 Budget d'erreur : 1 h 12 min consommés sur 3 h 36 min (33 %) — ce mois, calculé à 14:32 ». */
  line: (figures: {
    consumed: string;
    budget: string;
    percent: number;
    at: string;
    /** Set when a measured figure stands on less history than the month so far. */
    data: string | undefined;
    threatened: boolean;
  }) => string;
}

export interface SloStrings {
  title: string;
  /** `paceOver`: the span the projection's pace was counted over, while the month is younger than it. */
  burn: (
    burn: number,
    projected: string,
    source: 'incidents' | 'prometheus',
    paceOver: string | undefined,
  ) => string;
  rtoBreached: (when: string) => string;
  rtoBefore: (when: string) => string;
  rpoAge: (age: string, rpo: string) => string;
}

export interface RecoveryStrings {
  rtoUntil: (rto: string, when: string) => string;
  /** Unresolved past its RTO deadline (when the card was rendered). */
  rtoPassed: (rto: string, when: string) => string;
  /** The fallback text of the « 5 days ago » date token. */
  agoTime: (elapsed: string) => string;
  rtoOutcome: (rto: string, met: boolean, took: string) => string;
  /** An open incident: how long the logs have gone unarchived so far. */
  rpo: (age: string, rpo: string, over: boolean) => string;
  /** A resolved incident: how long they went unarchived, and the verdict (not « since », it is over). */
  rpoOutcome: (rpo: string, met: boolean, age: string) => string;
}

export interface EscalationStrings {
  /** « ⏰ Escalade Tech Lead le 1 déc. à 03:09 (dans 23 h 59) — _description_ ». */
  next: (who: string, when: string, description: string) => string;
  /** The fallback text of the « in 2 h » date token. */
  inTime: (left: string) => string;
  flags: Record<keyof Incident['flags'], string>;
  confirmTitle: string;
  confirm: string;
  deny: string;
  channels: Record<EscalationChannel, string>;
  reach: (whom: string, how: string) => string;
  prompt: (id: string, description: string, reach: string) => string;
  promptButton: string;
  promptFallback: (id: string) => string;
  /** What the prompt becomes once its button fired the step (the thread then follows each send). */
  promptDone: (id: string, description: string, reach: string) => string;
  /** The escalation channel's message. */
  channelMessage: (id: string, severity: string, title: string, who: string) => string;
  /** A PagerDuty page's summary: « [SEV2] INC-1 Hausse des erreurs… — Ouverture : canaux du runbook (…) ». */
  pageSummary: (severity: string, id: string, title: string, rule: string) => string;
  /** The text of a page's link to the incident's card. */
  pageCardLink: string;
  /** PagerDuty's fallback: the roles it could not reach are called by email and a Slack mention. */
  unpaged: (roles: string) => string;
}

export interface FollowupStrings {
  heading: string;
  doneBy: (user: string, when: string) => string;
  done: string;
  reopen: string;
}

/** Subcommands a reply suggests (« précisez l'id, par ex. `/incident statut INC-12` »). */
export type SuggestedSubcommand =
  'status' | 'ack' | 'postmortem' | 'rollback' | 'mitigate' | 'note' | 'resolve' | 'escalate';

export interface CommandStrings {
  help: string[];
  /** How the language spells each subcommand (every spelling is understood). */
  name: Record<SuggestedSubcommand, string>;
  unknownSubcommand: (name: string) => string;
  /** `/incident note` with no text: said before the help. */
  noteWithoutText: string;
  noIncident: string;
  /** `/incident liste <mots>`: « 3 incidents ouverts pour « checkout » » (the query escaped). */
  openMatching: (count: number, query: string) => string;
  noMatch: (query: string) => string;
  /** The list's last line when it could not show everything: how to narrow it. */
  listMore: (hidden: number) => string;
  noIncidentHere: (example: string) => string;
  whichIncident: (ids: string, example: string) => string;
  /** After the ids « lequel ? » names, the ones it does not: how to find them. */
  otherIds: (hidden: number) => string;
  acknowledged: (id: string) => string;
  noteAdded: (id: string) => string;
  declared: (id: string) => string;
  confirmMitigation: (label: string, id: string) => string;
  /** What the mitigation prompt becomes once its button started the run (its outcome goes to the card). */
  mitigationStarted: (label: string, id: string, run: number, dryRun: boolean) => string;
  triageProgress: (ticked: number, total: number) => string;
  postmortemTitle: (id: string) => string;
  /** The draft's lines the command's replies could not hold. */
  postmortemCut: (lines: number) => string;
}

export interface ModalStrings {
  resolveTitle: (id: string) => string;
  resolve: string;
  cancel: string;
  cause: string;
  summary: string;
  impact: string;
  impactStart: string;
  impactEnd: string;
  declareTitle: string;
  declare: string;
  severity: string;
  runbook: string;
  /** Slack only checks that a required field is not empty; a blank one is refused with this. */
  blank: string;
  /** A declared incident's summary left blank (its card's title and the page carry it). */
  blankSummary: string;
  /** The corrected impact window's problems, each said on the field at fault (times in UTC). */
  window: {
    format: (typed: string, nowUtc: string) => string;
    missingStart: string;
    missingEnd: string;
    notAfterStart: (start: string) => string;
    future: (nowUtc: string) => string;
  };
}

export interface EmailStrings {
  subject: (opening: boolean, id: string, severity: string, title: string) => string;
  heading: (opening: boolean, id: string, title: string) => string;
  rule: (description: string) => string;
  state: (severity: string, status: string, runbook: string) => string;
  started: (when: string) => string;
  deadlinePassed: (when: string) => string;
  thread: (link: string) => string;
  timeline: string;
}
