/** The words of the post-mortem draft (a Markdown document, not a Slack surface). */
export interface PostmortemStrings {
  fileTitle: (id: string) => string;
  /** The line the shared file comes with in the thread (its notification's text). */
  fileComment: (id: string) => string;
  runbook: (runbook: string | undefined, severity: string) => string;
  /**
   * Times arrive as text; `receivedAt` only when Vigie learnt of it late; `resolved` undefined while
   * open (a draft asked for with `/incident postmortem` before the end: no duration to give yet).
   */
  started: (
    start: string,
    receivedAt: string | undefined,
    resolved: { at: string; by: string; duration: string } | undefined,
  ) => string;
  acknowledged: (by: string, after: string) => string;
  affected: (count: number, items: string, more: number) => string;
  customerImpact: (impact: string | undefined) => string;
  budget: (consumed: string, budget: string, percent: number, at: string) => string;
  noBudget: string;
  rto: (rto: string, met: boolean, took: string) => string;
  /**
   * The RTO of an incident not resolved when the draft was written: its deadline, not a verdict;
   * `passed`: the deadline was already behind.
   */
  rtoOpen: (rto: string, deadline: string, passed: boolean) => string;
  /** The draft's first line: when Vigie wrote it, and whether the incident was resolved by then. */
  drafted: (at: string, resolved: boolean) => string;
  rpo: (rpo: string, met: boolean, age: string) => string;
  /** The RPO of an incident not resolved yet: how long the logs have gone unarchived, and its limit. */
  rpoOpen: (rpo: string, age: string, limit: string, passed: boolean) => string;
  declared: (summary: string) => string;
  detected: (count: number, first: string, names: string) => string;
  noMitigation: string;
  noEscalation: string;
  toFill: string;
  cause: (cause: string) => string;
}
