import type { Verification } from '../incidents/verification-types';
import type { Messages } from './messages';

/**
 * One verification in words, the same on the card, in the thread, the email and the post-mortem:
 * pending with its verdict time, or its verdict with the values it saw and the window it looked at.
 */
export function verificationText(
  v: Omit<Verification, 'mitigationId' | 'by'>,
  mitigation: string,
  m: Messages,
  time: (ms: number) => string,
  condition: Verification['condition'],
): string {
  const c = v.condition ?? condition;
  const said = c === undefined ? '' : m.verification.condition(c.comparison, m.number(c.threshold));
  switch (v.status) {
    case 'pending':
      return m.verification.pending(mitigation, said, time(v.until));
    case 'recovered':
      return m.verification.recovered(mitigation, m.number(v.last ?? 0), said, m.duration(v.until - v.from));
    case 'degraded':
      return m.verification.degraded(mitigation, m.number(v.worst ?? 0), said, m.duration(v.until - v.from));
    case 'impossible':
      return m.verification.impossible(
        mitigation,
        v.problem === undefined
          ? m.verification.problem({ code: 'no_data' })
          : m.verification.problem(v.problem),
      );
  }
}
