import type { Incident } from './types';

/** Lower case without accents: « Équipe » is found by « equipe ». */
const folded = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/**
 * Whether an incident answers a responder's search words (`/incident liste checkout 5xx`): every word
 * appears in its id, its title, its summary or one of its group labels (`name=value`). In a storm of
 * a thousand incidents of one runbook, this is how one finds the one for their service.
 */
export function incidentMatches(incident: Incident, query: string): boolean {
  const words = folded(query)
    .split(/\s+/)
    .filter((w) => w !== '');
  const haystack = folded(
    [
      incident.id,
      incident.policy.title,
      incident.summary ?? '',
      ...Object.entries(incident.groupLabels).map(([name, value]) => `${name}=${value}`),
    ].join('\n'),
  );
  return words.every((word) => haystack.includes(word));
}

/** The incidents whose card lives in this channel (named by id or as #name): for commands without an id. */
export function inChannel(incidents: Incident[], channelId: string, channelName: string): Incident[] {
  return incidents.filter((i) => i.policy.channels.some((c) => c === channelId || c === `#${channelName}`));
}
