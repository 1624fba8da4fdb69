import type { RedisKeys } from './keys';
import type { VigieRedis } from './lua-commands';
import { chunks } from './chunks';
import { guarded } from './redis-client';

/** From this many alerts, a new incident's alerts are written before its save script (see below). */
export const STAGE_FROM = 1000;

/** Fields per command: a command takes a bounded number of arguments. */
const CHUNK = 1000;

/** How long staged alerts live when their save never comes (the process died between the two writes). */
const STAGED_TTL_MS = 60_000;

/** One alert as stored: its state (read on every delivery), its record, its place in the card order. */
export interface AlertRow {
  fingerprint: string;
  state: string;
  record: string;
  member: string;
  firing: boolean;
}

export type StagedKeys = ReturnType<RedisKeys['stagedAlerts']>;

/**
 * Writes a new incident's many alerts under keys of their own, with plain pipelined commands; the
 * save script then moves them into place in O(1) (RENAME) if it saves the incident. Stored field by
 * field inside the script, a 10,000-alert opening held Redis for ~75 ms, every other command waiting.
 * Staged keys a save never claimed expire on their own.
 */
export async function stageAlerts(redis: VigieRedis, staged: StagedKeys, rows: AlertRow[]): Promise<void> {
  const pipeline = redis.pipeline();
  for (const slice of chunks(rows, CHUNK)) {
    // Plain loops: flatMap's little arrays cost ~10 ms per 10,000 alerts.
    const states: string[] = [];
    const records: string[] = [];
    const order: Array<string | number> = [];
    for (const row of slice) {
      states.push(row.fingerprint, row.state);
      records.push(row.fingerprint, row.record);
      // Firing first on the card.
      order.push(row.firing ? 0 : 1, row.member);
    }
    pipeline.hset(staged.states, ...states);
    pipeline.hset(staged.records, ...records);
    pipeline.zadd(staged.order, ...order);
  }
  for (const key of [staged.states, staged.records, staged.order]) pipeline.pexpire(key, STAGED_TTL_MS);
  await guarded('alerts staging', async () => {
    const failed = (await pipeline.exec())?.find(([error]) => error !== null)?.[0];
    if (failed) throw failed;
  });
}

/** Drops staged alerts a save did not claim (it lost a race): best effort, they expire anyway. */
export async function dropStaged(redis: VigieRedis, staged: StagedKeys): Promise<void> {
  await redis.del(staged.states, staged.records, staged.order).catch(() => 0);
}
