import type { RedisKeys } from './keys';
import type { VigieRedis } from './lua-commands';
import { chunks } from './chunks';
import { guarded } from './redis-client';

/** Incidents per slice: the scan reads documents in slices, so no reply holds Redis up for long. */
const SCAN_CHUNK = 1000;

/**
 * Finds every incident still in layout 1 (all alerts inside its document) and hands it to `rewrite`,
 * which reads it (converting it) and says whether it wrote it back in the current layout. Layouts 2
 * and 3 are skipped: they are read as they are (a layout-2 one is written in layout 3 at its next
 * save). Returns how many were rewritten.
 */
export async function migrateLayout(
  redis: VigieRedis,
  keys: RedisKeys,
  rewrite: (id: string, doc: string) => Promise<boolean>,
): Promise<number> {
  const ids = await guarded('incidents by opening', () => redis.zrange(keys.incidentsByOpening(), '0', '-1'));
  let migrated = 0;
  for (const slice of chunks(ids, SCAN_CHUNK)) {
    const docs = await guarded('incidents read', () =>
      Promise.all(slice.map((id) => redis.hget(keys.incident(id), 'doc'))),
    );
    for (const [i, doc] of docs.entries()) {
      if (doc === null || doc.startsWith('{"layout":')) continue;
      if (await rewrite(slice[i] ?? '', doc)) migrated += 1;
    }
  }
  return migrated;
}
