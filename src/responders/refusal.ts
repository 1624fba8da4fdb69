/** Why Vigie did not do what a person asked; the Slack layer words it for them. */
export type Refusal =
  | { code: 'bad_value' }
  | { code: 'unknown_incident'; incidentId: string }
  | { code: 'stale_card'; incidentId: string }
  | { code: 'resolved'; incidentId: string }
  | { code: 'no_runbook'; incidentId: string }
  | { code: 'unknown_step'; stepId: string }
  | { code: 'unknown_mitigation'; mitigationId: string; available: string[] }
  | { code: 'unknown_runbook'; runbookId: string; available: string[] }
  | { code: 'not_allowed'; roles: string[] }
  | { code: 'permission_check_failed' }
  | { code: 'already_running'; by: string | undefined; since: number | undefined }
  /** Pressed again within seconds of a success: a double click, not run twice. */
  | { code: 'just_ran'; by: string; at: number }
  /** Someone acknowledged it first (two responders at once, or an older card). */
  | { code: 'already_acknowledged'; incidentId: string; by: string | undefined; at: number | undefined }
  /** The step fired already in this phase (its timer, or someone else's press). */
  | { code: 'already_escalated'; incidentId: string; step: string; by: string; at: number }
  /** `/incident escalate` with every step the runbook lets a person force fired in this phase. */
  | { code: 'all_escalated'; incidentId: string }
  /** The step's `unless: [acknowledged]` excuses an acknowledged incident. */
  | { code: 'escalation_excused'; incidentId: string }
  /** The incident changed under the request (it moved to another phase meanwhile, a run vanished). */
  | { code: 'rejected'; detail: string }
  | { code: 'no_escalation'; incidentId: string }
  /** A note or summary longer than TEXT_MAX_CHARS: refused whole (the person shortens it), never stored cut. */
  | { code: 'text_too_long'; what: 'note' | 'summary'; length: number; max: number }
  | { code: 'store_unavailable' };

export type ActionResult<T = undefined> = { ok: true; value: T } | { ok: false; refusal: Refusal };

export const refuse = <T>(refusal: Refusal): ActionResult<T> => ({ ok: false, refusal });
export const done = <T>(value: T): ActionResult<T> => ({ ok: true, value });
