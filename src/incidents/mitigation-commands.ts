import { changed, rejected } from './command-results';
import { entry } from './timeline';
import { runReasonDetail } from './timeline-details';
import type { Incident, IncidentCommand, MitigationRun, Transition } from './types';
import { beginVerification, verificationOf } from './verification';

/** A press this soon after a mitigation succeeded is refused as a duplicate (its button then says « Relancer »). */
export const JUST_RAN_MS = 30_000;

/** A responder starts a mitigation: one run at a time, a double click after a success refused. */
export function startMitigation(
  current: Incident,
  command: Extract<IncidentCommand, { type: 'start_mitigation' }>,
  now: number,
): Transition {
  if (current.status === 'resolved') return rejected({ code: 'resolved' });
  const runs = current.mitigations[command.mitigationId] ?? [];
  const last = runs.at(-1);
  if (last?.status === 'running' && now - last.startedAt < command.staleAfterMs) {
    return rejected({ code: 'mitigation_running', by: last.by, since: last.startedAt });
  }
  // A second press right after a success is a double click, not a decision to run it again.
  if (last?.status === 'succeeded' && now - (last.finishedAt ?? last.startedAt) < JUST_RAN_MS) {
    return rejected({ code: 'mitigation_just_ran', by: last.by, at: last.finishedAt ?? last.startedAt });
  }
  const number = (last?.number ?? 0) + 1;
  // After an unknown outcome the ops API may have acted: the retry sends the same idempotency key.
  const keyRun = last?.unknown === true ? (last.keyRun ?? last.number) : number;
  const run: MitigationRun = {
    number,
    keyRun,
    status: 'running',
    by: command.actor,
    startedAt: now,
    finishedAt: undefined,
    httpStatus: undefined,
    durationMs: undefined,
    message: undefined,
  };
  return changed(
    current,
    now,
    [entry(now, command.actor, 'mitigation_started', [command.mitigationId])],
    (next) => [{ type: 'mitigation_started', incident: next, mitigationId: command.mitigationId, run }],
    (next) => {
      next.mitigations[command.mitigationId] = [...runs, run];
    },
  );
}

/** The ops API answered (or the run was given up): the run ends, and a success is to be verified. */
export function finishMitigation(
  current: Incident,
  command: Extract<IncidentCommand, { type: 'finish_mitigation' }>,
  now: number,
): Transition {
  const runs = current.mitigations[command.mitigationId] ?? [];
  const index = runs.findIndex((r) => r.number === command.number);
  const run = runs[index];
  if (run === undefined)
    return rejected({ code: 'unknown_work', what: `run ${command.number} of ${command.mitigationId}` });
  // A run given up as unknown (its replica lost) still takes the real outcome if it arrives later.
  if (run.status !== 'running' && run.unknown !== true)
    return { outcome: 'unchanged', reason: 'run already finished' };
  if (run.status !== 'running' && command.outcome.unknown === true)
    return { outcome: 'unchanged', reason: 'outcome already unknown' };
  const finished: MitigationRun = { ...run, ...command.outcome, finishedAt: now };
  const { httpStatus, reason, message } = command.outcome;
  const details = [
    command.mitigationId,
    ...(httpStatus === undefined ? [] : [`HTTP ${httpStatus}`]),
    ...(reason !== undefined ? [runReasonDetail(reason)] : message === undefined ? [] : [message]),
  ];
  const entries = [entry(now, run.by, `mitigation_${command.outcome.status}`, details)];
  return changed(
    current,
    now,
    entries,
    (next) => [
      { type: 'mitigation_finished', incident: next, mitigationId: command.mitigationId, run: finished },
    ],
    (next) => {
      const list = next.mitigations[command.mitigationId] ?? [];
      list[index] = finished;
      next.mitigations[command.mitigationId] = list;
      // A success is checked against the trigger (on the runbook's schedule), once per run.
      if (verificationOf(next, command.mitigationId, finished.number) === undefined)
        beginVerification(next, command.mitigationId, finished, now, entries);
    },
  );
}
