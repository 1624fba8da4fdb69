import type { ImpactRecord } from '../../incidents/error-budget';
import type { UnreadableReporter } from '../incident-document';
import { UnreadableDocumentError, readImpactRecord } from '../incident-document';
import { chunks } from './chunks';
import type { RedisKeys } from './keys';
import type { VigieRedis } from './lua-commands';
import { guarded } from './redis-client';

/** Impact records per HMGET: a month of incidents is read in slices, no reply holds Redis up for long. */
const READ_CHUNK = 1000;

/**
 * The error budget's input: each incident's impact record (written by the save script), found by when
 * its impact ended (+inf while it goes on), so a month's budget reads a month's records, not incidents.
 */
export async function impactsSince(
  redis: VigieRedis,
  keys: RedisKeys,
  since: number,
  reportUnreadable: UnreadableReporter,
): Promise<ImpactRecord[]> {
  const ids = await guarded('impacts by end', () => redis.zrangebyscore(keys.impactsByEnd(), since, '+inf'));
  const records: ImpactRecord[] = [];
  for (const slice of chunks(ids, READ_CHUNK)) {
    const values = await guarded('impacts read', () => redis.hmget(keys.impacts(), ...slice));
    values.forEach((value, i) => {
      if (value === null) return;
      try {
        records.push(readImpactRecord(value, `impact of ${slice[i] ?? ''}`));
      } catch (error) {
        if (error instanceof UnreadableDocumentError) reportUnreadable(error);
        else throw error;
      }
    });
  }
  return records;
}
