/** How a trigger compares its value with its threshold (PromQL's comparison operators). */
export const COMPARISONS = ['>', '>=', '<', '<=', '==', '!='] as const;
export type Comparison = (typeof COMPARISONS)[number];

/** What the trigger measures, frozen on the incident: a verification asks it again after a mitigation. */
export interface TriggerCheck {
  /** The trigger's value expression (its threshold taken off). */
  value: string;
  comparison: Comparison;
  threshold: number;
  /** Labels the expression aggregates by that scope it to one incident (e.g. service, env, path). */
  scopeLabels: string[];
}

/** When a mitigation's verdict is given: `afterMs` for it to take effect, then held for `holdMs`. */
export interface VerifyTiming {
  afterMs: number;
  holdMs: number;
}

export type VerificationStatus = 'pending' | 'recovered' | 'degraded' | 'impossible';

/** Why a verification could not give a verdict: said as it is, never a guessed verdict. */
export type VerificationProblem =
  | { code: 'prometheus_unreachable'; detail: string }
  | { code: 'prometheus_error'; status: number; error: string | undefined }
  | { code: 'no_data' }
  | { code: 'no_threshold' }
  | { code: 'not_configured' };

/** One mitigation's check: did the trigger's value go back under its threshold and stay there? */
export interface Verification {
  mitigationId: string;
  /** The run it judges. */
  run: number;
  by: string;
  /** The window looked at: from the mitigation's effect (`after`) to the verdict (`hold` later). */
  from: number;
  until: number;
  status: VerificationStatus;
  /** The scoped expression asked (the card links to its graph). */
  expr: string | undefined;
  /** The trigger's condition it was judged against. */
  condition?: { comparison: TriggerCheck['comparison']; threshold: number } | undefined;
  /** The worst value seen in the window, and the last one. */
  worst?: number | undefined;
  last?: number | undefined;
  problem?: VerificationProblem | undefined;
  decidedAt?: number | undefined;
}
