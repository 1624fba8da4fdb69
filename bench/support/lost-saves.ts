import { request } from 'undici';

/**
 * The saves Vigie's processes lost to one another so far (`vigie_incident_saves_lost_total` summed
 * over their `/metrics`, every writer): each was a read, a merge and a refused script, then the same
 * again on a fresh read. NaN when a process does not answer its metrics.
 */
export async function lostSaves(urls: string[]): Promise<number> {
  let total = 0;
  for (const url of urls) {
    const response = await request(`${url}/metrics`);
    if (response.statusCode !== 200) {
      await response.body.dump();
      return Number.NaN;
    }
    const text = await response.body.text();
    for (const m of text.matchAll(/^vigie_incident_saves_lost_total\{[^}]*\} (\d+)$/gm))
      total += Number(m[1]);
  }
  return total;
}
