import type { Incident } from '../../incidents/types';
import { gaugeField } from '../open-counts';
import type { RedisKeys } from './keys';
import type { VigieRedis } from './lua-commands';
import { guarded } from './redis-client';

/**
 * Counts the open incidents saved before the open-incident counts existed (an upgrade), once, whichever
 * replica starts first: afterwards every save keeps the counts. Each incident is claimed (its `gauge`
 * field) before it is counted, so a save racing this never counts it twice. Returns how many it counted.
 */
export async function countLegacyOpen(
  redis: VigieRedis,
  keys: RedisKeys,
  listOpen: () => Promise<Incident[]>,
): Promise<number> {
  const first = await guarded('open counts marker', () => redis.set(`${keys.openCounts()}:built`, '1', 'NX'));
  if (first !== 'OK') return 0;
  let counted = 0;
  for (const incident of await listOpen()) {
    const claimed = await guarded('open counts claim', () =>
      redis.hsetnx(keys.incident(incident.id), 'gauge', gaugeField(incident)),
    );
    if (claimed === 1) {
      await guarded('open counts add', () => redis.hincrby(keys.openCounts(), gaugeField(incident), 1));
      counted += 1;
    }
  }
  return counted;
}
