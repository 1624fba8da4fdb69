import type { Refusal } from './refusal';

/**
 * A note's length at most (characters): read whole in the card's thread, one section of its reply
 * (3,000 characters with its time and author), and in the post-mortem. A longer one is refused whole,
 * never stored cut.
 */
export const NOTE_MAX_CHARS = 2_000;

/** The refusal of a note too long to be read whole, or undefined. */
export function noteTooLong(text: string): Refusal | undefined {
  const length = [...text].length;
  return length > NOTE_MAX_CHARS ? { code: 'note_too_long', length, max: NOTE_MAX_CHARS } : undefined;
}
