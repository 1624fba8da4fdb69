import { en } from './en';
import { fr } from './fr';
import type { CardStrings, Messages } from './messages';
import type { Locale } from './locale';

export type { Locale } from './locale';
export type * from './messages';

const CATALOGUES: Record<Locale, Messages> = { fr, en };

/** Every word for the configured language: the only place that knows which language it is. */
export function messages(locale: Locale): Messages {
  return CATALOGUES[locale];
}

export function cardStrings(locale: Locale): CardStrings {
  return CATALOGUES[locale].card;
}
