/** The languages Vigie speaks to people: French first (the runbook's language), English on request. */
export type Locale = 'fr' | 'en';

export const LOCALES: readonly Locale[] = ['fr', 'en'];
