import type { AlertRecord, AlertState } from '../../incidents/types';
import type { UnreadableReporter } from '../incident-document';
import { UnreadableDocumentError, readAlertRecord, readAlertState } from '../incident-document';
import { chunks } from './chunks';
import type { RedisKeys } from './keys';
import type { VigieRedis } from './lua-commands';
import { guarded } from './redis-client';

/** Fields per HMGET: big reads go in slices, so no reply holds Redis up for long. */
const READ_CHUNK = 1000;

/**
 * The alerts stored beside an incident's header: each one's state (what a delivery is compared with)
 * and record (what a card or a post-mortem shows), in card order. Written by the save script only.
 */
export class RedisAlerts {
  constructor(
    private readonly redis: VigieRedis,
    private readonly keys: RedisKeys,
    private readonly reportUnreadable: UnreadableReporter,
  ) {}

  async states(incidentId: string, fingerprints: string[]): Promise<Map<string, AlertState>> {
    const key = this.keys.alertStates(incidentId);
    const slices = chunks([...new Set(fingerprints)], READ_CHUNK);
    const values = await guarded('alert states read', () =>
      Promise.all(slices.map((slice) => this.redis.hmget(key, ...slice))),
    );
    const states = new Map<string, AlertState>();
    slices.forEach((slice, i) =>
      slice.forEach((fingerprint, j) => {
        const value = values[i]?.[j];
        if (typeof value === 'string') this.readState(states, fingerprint, value, incidentId);
      }),
    );
    return states;
  }

  /** Adds a state read back (with the header, by the delivery script) to `into`, if it is readable. */
  readState(into: Map<string, AlertState>, fingerprint: string, value: string, incidentId: string): void {
    try {
      into.set(fingerprint, readAlertState(value, `alert ${fingerprint} of ${incidentId}`));
    } catch (error) {
      // Unreadable: treated as unknown, so the delivery stores it again.
      if (error instanceof UnreadableDocumentError) this.reportUnreadable(error);
      else throw error;
    }
  }

  /** The first `limit` alerts in card order (firing first, then by item). */
  async list(incidentId: string, limit: number): Promise<AlertRecord[]> {
    if (limit <= 0) return [];
    const members = await guarded('alert order read', () =>
      this.redis.zrange(this.keys.alertOrder(incidentId), '0', String(limit - 1)),
    );
    if (members.length === 0) return [];
    const fingerprints = members.map((m) => m.slice(m.indexOf('\u0000') + 1));
    const records = await guarded('alerts read', () =>
      this.redis.hmget(this.keys.alertRecords(incidentId), ...fingerprints),
    );
    const alerts: AlertRecord[] = [];
    records.forEach((record, i) => {
      if (record === null) return;
      try {
        alerts.push(readAlertRecord(record, `alert ${fingerprints[i] ?? ''} of ${incidentId}`));
      } catch (error) {
        if (error instanceof UnreadableDocumentError) this.reportUnreadable(error);
        else throw error;
      }
    });
    return alerts;
  }
}
