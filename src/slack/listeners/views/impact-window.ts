import type { Window } from '../../../incidents/types';

export type ImpactField = 'impact_start' | 'impact_end';

/** What is wrong with the typed window, said on the field at fault. */
export type WindowProblem =
  | { field: ImpactField; code: 'format'; typed: string }
  | { field: ImpactField; code: 'missing' }
  | { field: 'impact_end'; code: 'not_after_start'; start: string }
  | { field: ImpactField; code: 'future' };

const FORMAT = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/;

/** "2026-12-02 09:30" as the modal shows times (UTC, to the minute). */
export const utcMinute = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/**
 * A time typed as "2026-11-27 14:05" (UTC), or NaN. A date that does not exist (2026-02-30, 24:00) is
 * refused: `Date.parse` would move it on to another day without a word.
 */
function readMinute(text: string): number {
  const parts = FORMAT.exec(text);
  if (parts === null) return Number.NaN;
  const normalized = `${parts[1]}-${parts[2]}-${parts[3]} ${parts[4]}:${parts[5]}`;
  const ms = Date.parse(`${normalized.replace(' ', 'T')}:00Z`);
  return Number.isNaN(ms) || utcMinute(ms) !== normalized ? Number.NaN : ms;
}

/** One field's time: NaN when not given, or its problem when given and unreadable. */
function readField(field: ImpactField, text: string): number | WindowProblem {
  if (text === '') return Number.NaN;
  const ms = readMinute(text);
  return Number.isNaN(ms) ? { field, code: 'format', typed: text } : ms;
}

/**
 * The resolve modal's corrected impact window (both times or neither, UTC, the end after the start and
 * not after `now`): the window, undefined when neither is given, or every problem found (one per
 * field at most: the person fixes them all at once).
 */
export function impactWindow(
  start: string,
  end: string,
  now: number,
): { window: Window | undefined } | { problems: WindowProblem[] } {
  if (start === '' && end === '') return { window: undefined };
  const read = [readField('impact_start', start), readField('impact_end', end)] as const;
  const problems = read.map((value, i): WindowProblem | undefined => {
    if (typeof value !== 'number') return value;
    if (Number.isNaN(value)) return { field: i === 0 ? 'impact_start' : 'impact_end', code: 'missing' };
    return undefined;
  });
  const [from, to] = read;
  if (typeof from === 'number' && typeof to === 'number' && problems.every((p) => p === undefined)) {
    if (to <= from)
      return { problems: [{ field: 'impact_end', code: 'not_after_start', start: utcMinute(from) }] };
    // Typed to the minute: the minute under way is not the future.
    const minuteUnderWay = now - (now % 60_000);
    const future: WindowProblem[] = [];
    if (from > minuteUnderWay) future.push({ field: 'impact_start', code: 'future' });
    if (to > minuteUnderWay) future.push({ field: 'impact_end', code: 'future' });
    return future.length > 0 ? { problems: future } : { window: { start: from, end: to } };
  }
  return { problems: problems.filter((p): p is WindowProblem => p !== undefined) };
}
