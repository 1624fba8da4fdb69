import type { IncidentStatus } from './types';

/**
 * Why the domain refused a command, with what the person who asked needs to know (who got there
 * first, and when). A lost race is not one: the service retries it on a fresh read.
 */
export type Rejection =
  | { code: 'already_acknowledged'; by: string | undefined; at: number | undefined }
  | { code: 'resolved' }
  | { code: 'mitigation_running'; by: string; since: number }
  /** Pressed again within seconds of a success (JUST_RAN_MS): a double click, not run twice. */
  | { code: 'mitigation_just_ran'; by: string; at: number }
  /** Armed (a timer, a prompt) in an earlier phase of the incident: it moved on since. */
  | { code: 'stale_phase'; armed: number; current: number }
  | { code: 'unknown_escalation_step'; stepId: string }
  /** The step's `unless` excuses the incident in its present status (e.g. acknowledged). */
  | { code: 'escalation_excused'; status: IncidentStatus }
  /** A result for work the incident has no record of (a run, a fired step, a verification). */
  | { code: 'unknown_work'; what: string };
