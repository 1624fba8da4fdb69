import type { Refusal } from './refusal';

/**
 * A note's or a declared incident's summary's length at most (characters): a note is read whole in the
 * card's thread (one section of its reply, 3,000 characters with its time and author) and in the
 * post-mortem; a summary heads the card, the pages and the lists. As much as a Slack modal's text
 * field takes. A longer text is refused whole, never stored cut.
 */
export const TEXT_MAX_CHARS = 2_000;

/** The refusal of a text too long to be kept whole, or undefined. */
export function textTooLong(what: 'note' | 'summary', text: string): Refusal | undefined {
  const length = [...text].length;
  return length > TEXT_MAX_CHARS ? { code: 'text_too_long', what, length, max: TEXT_MAX_CHARS } : undefined;
}
