import type { Refusal } from '../../responders/refusal';
import type { Locale } from '../../i18n';
import { messages } from '../../i18n';
import { escapeMrkdwn } from './limits';
import { clockTime, person } from './primitives';

/** Refusals worded for the person who clicked or typed; each says what to do next. */
export function refusalText(refusal: Refusal, locale: Locale, roleName: (id: string) => string): string {
  return messages(locale).refusal(refusal, { role: roleName, person, time: clockTime, quote: escapeMrkdwn });
}

/** What a person reads when /slack/events refuses a request before any listener sees it. */
export function gateText(locale: Locale): { foreignWorkspace: string; notReady: string } {
  return messages(locale).gate;
}
