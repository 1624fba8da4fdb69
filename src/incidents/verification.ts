import { rejected } from './command-results';
import { nextIncident } from './next-incident';
import type { NewEntry } from './timeline';
import { appendTimeline, entry } from './timeline';
import type { Incident, MitigationRun, Transition } from './types';
import type { Verification } from './verification-types';

/** The verdict detail a timeline entry keeps (JSON): the surfaces word it. */
export function verdictDetail(v: Verification): string {
  return JSON.stringify({
    status: v.status,
    from: v.from,
    until: v.until,
    ...(v.worst === undefined ? {} : { worst: v.worst }),
    ...(v.last === undefined ? {} : { last: v.last }),
    ...(v.problem === undefined ? {} : { problem: v.problem }),
    ...(v.expr === undefined ? {} : { expr: v.expr }),
    ...(v.condition === undefined ? {} : { condition: v.condition }),
    run: v.run,
  });
}

/** A verdict detail read back; undefined if it is not one. */
export function readVerdictDetail(text: string): Omit<Verification, 'mitigationId' | 'by'> | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const value = JSON.parse(text) as Partial<Verification>;
    if (typeof value.status !== 'string' || typeof value.from !== 'number' || typeof value.until !== 'number')
      return undefined;
    return {
      status: value.status,
      from: value.from,
      until: value.until,
      run: typeof value.run === 'number' ? value.run : 0,
      expr: value.expr,
      worst: value.worst,
      last: value.last,
      problem: value.problem,
      condition: value.condition,
    };
  } catch {
    return undefined;
  }
}

/**
 * A mitigation that succeeded begins its check, when the runbook verifies it: after `afterMs` for it
 * to take effect, the trigger's value must stay under its threshold for `holdMs`. Changes `next`.
 */
export function beginVerification(
  next: Incident,
  mitigationId: string,
  run: MitigationRun,
  now: number,
  entries: NewEntry[],
): void {
  const timing = next.policy.verify?.[mitigationId];
  if (timing === undefined || run.status !== 'succeeded') return;
  const from = now + timing.afterMs;
  next.verifications = [
    ...(next.verifications ?? []),
    {
      mitigationId,
      run: run.number,
      by: run.by,
      from,
      until: from + timing.holdMs,
      status: 'pending',
      expr: undefined,
    },
  ];
  entries.push(entry(now, 'vigie', 'verification_started', [mitigationId]));
}

/** The verification judging this run, if any. */
export function verificationOf(
  incident: Incident,
  mitigationId: string,
  run: number,
): Verification | undefined {
  return (incident.verifications ?? []).find((v) => v.mitigationId === mitigationId && v.run === run);
}

/**
 * Records a verification's verdict once. It never resolves the incident (Alertmanager's resolution
 * does): it says what it saw.
 */
export function recordVerdict(
  current: Incident,
  mitigationId: string,
  run: number,
  verdict: Pick<Verification, 'status' | 'expr' | 'worst' | 'last' | 'problem' | 'condition'>,
  now: number,
): Transition {
  const index = (current.verifications ?? []).findIndex(
    (v) => v.mitigationId === mitigationId && v.run === run,
  );
  if (index < 0)
    return rejected({ code: 'unknown_work', what: `verification of ${mitigationId} run ${run}` });
  if (current.verifications?.[index]?.status !== 'pending')
    return { outcome: 'unchanged', reason: 'verdict already recorded' };
  const next = nextIncident(current);
  const list = next.verifications ?? [];
  const decided: Verification = { ...(list[index] as Verification), ...verdict, decidedAt: now };
  list[index] = decided;
  next.verifications = list;
  next.updatedAt = now;
  appendTimeline(next, [entry(now, 'vigie', 'verification_verdict', [mitigationId, verdictDetail(decided)])]);
  return {
    outcome: 'changed',
    incident: next,
    events: [{ type: 'verification_decided', incident: next, verification: decided }],
  };
}
