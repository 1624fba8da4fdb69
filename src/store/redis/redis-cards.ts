import type { CardRef, CardRefStore } from '../store';
import { readCardRef } from '../card-documents';
import { UnreadableDocumentError } from '../incident-document';
import type { RedisKeys } from './keys';
import type { VigieRedis } from './lua-commands';
import type { UnreadableReporter } from '../incident-document';
import { guarded } from './redis-client';

/** Card references, one hash per incident (field: channel). */
export class RedisCards implements CardRefStore {
  constructor(
    private readonly redis: VigieRedis,
    private readonly keys: RedisKeys,
    private readonly reportUnreadable: UnreadableReporter,
  ) {}

  async list(incidentId: string): Promise<CardRef[]> {
    const all = await guarded('card refs read', () => this.redis.hgetall(this.keys.cards(incidentId)));
    const refs: CardRef[] = [];
    for (const [channel, text] of Object.entries(all)) {
      try {
        refs.push(readCardRef(text, `card ref of ${incidentId} in ${channel}`));
      } catch (error) {
        // Skipped: the card is posted again rather than never kept up to date.
        if (!(error instanceof UnreadableDocumentError)) throw error;
        this.reportUnreadable(error);
      }
    }
    return refs;
  }

  async put(incidentId: string, ref: CardRef): Promise<void> {
    await guarded('card ref write', () =>
      this.redis.hset(this.keys.cards(incidentId), ref.channel, JSON.stringify(ref)),
    );
  }
}
