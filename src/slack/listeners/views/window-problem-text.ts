import type { Locale } from '../../../i18n';
import { messages } from '../../../i18n';
import type { WindowProblem } from './impact-window';
import { utcMinute } from './impact-window';

/** A typed value quoted back, cut short: the error line under a field is one line. */
const TYPED_SHOWN = 40;

/** The modal's error under the field at fault (plain text: Slack shows view errors as typed). */
export function windowProblemText(problem: WindowProblem, locale: Locale, now: number): string {
  const m = messages(locale).modals.window;
  switch (problem.code) {
    case 'format': {
      const typed =
        problem.typed.length > TYPED_SHOWN ? `${problem.typed.slice(0, TYPED_SHOWN)}…` : problem.typed;
      return m.format(typed, utcMinute(now));
    }
    case 'missing':
      return problem.field === 'impact_start' ? m.missingStart : m.missingEnd;
    case 'not_after_start':
      return m.notAfterStart(problem.start);
    case 'future':
      return m.future(utcMinute(now));
  }
}
