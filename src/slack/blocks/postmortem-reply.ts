import type { Locale } from '../../i18n';
import { messages } from '../../i18n';
import { escapeMrkdwn, LIMITS, packSections } from './limits';
import type { SlackMessage } from './primitives';
import { section } from './primitives';

/** Times a command's response_url may be used (Slack: 5 within 30 minutes). */
export const RESPONSE_URL_USES = 5;

/** A section's Markdown between its code fences. */
const SECTION_TEXT = LIMITS.sectionText - 100;
/** A reply's lines together, weighed as JSON: its blocks stay under LIMITS.messageBlocksJson. */
const REPLY_JSON = 10_000;

/** The draft's lines as a code block shows them: escaped, no fence of their own, none longer than a section. */
function codeLines(draft: string): string[] {
  return draft.split('\n').flatMap((raw) => {
    const line = escapeMrkdwn(raw).replace(/```/g, 'ˋˋˋ');
    const pieces: string[] = [];
    for (let at = 0; at < line.length; at += SECTION_TEXT) pieces.push(line.slice(at, at + SECTION_TEXT));
    return pieces.length === 0 ? [''] : pieces;
  });
}

/**
 * `/incident postmortem`: the draft as Markdown, to copy into the template, in code blocks of whole
 * lines, over as many ephemeral replies as it takes (each within Slack's message size, at most what
 * one response_url allows); past that, the last reply says where the whole draft is.
 */
export function renderPostmortemReplies(draft: string, incidentId: string, locale: Locale): SlackMessage[] {
  const m = messages(locale).commands;
  const title = m.postmortemTitle(incidentId);
  const lines = codeLines(draft);
  const replies: string[][] = [];
  let shown = 0;
  while (shown < lines.length && replies.length < RESPONSE_URL_USES) {
    // Weighed as JSON (quotes escaped): what Slack's message size counts.
    const packed = packSections(
      lines.slice(shown),
      { sectionMax: SECTION_TEXT, totalMax: REPLY_JSON },
      (line) => JSON.stringify(line).length,
    );
    replies.push(packed.sections);
    shown += packed.shown;
  }
  const cut = lines.length - shown;
  return replies.map((sections, i) => {
    const blocks = sections.map((s) => section('```' + s + '```'));
    if (cut > 0 && i === replies.length - 1) blocks.push(section(m.postmortemCut(cut)));
    const part = replies.length > 1 ? ` (${i + 1}/${replies.length})` : '';
    return { text: `${title}${part}`, blocks };
  });
}
