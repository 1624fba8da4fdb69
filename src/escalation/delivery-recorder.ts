import { KeyedBatcher } from '../incidents/keyed-batcher';
import type { IncidentService } from '../incidents/service';
import type { DeliveryResult } from '../incidents/types';

interface Delivered {
  stepId: string;
  generation: number;
  result: DeliveryResult;
}

/**
 * Records delivery results on their incident. A fired step has several deliveries (one page per role,
 * the channel message, the email) that end within milliseconds of each other: the results of one
 * incident that arrive while one of its records is being saved are saved together next, in one read
 * and one save, instead of racing each other into version conflicts and re-reads. Throws (for every
 * result of the batch) when the store fails: the caller keeps its result and records it again.
 */
export class DeliveryRecorder {
  private readonly batcher = new KeyedBatcher<Delivered, 'recorded'>((incidentId, items) =>
    this.recordAll(incidentId, items),
  );

  constructor(private readonly service: IncidentService) {}

  async record(
    incidentId: string,
    stepId: string,
    generation: number,
    result: DeliveryResult,
  ): Promise<void> {
    await this.batcher.run(incidentId, { stepId, generation, result });
  }

  private async recordAll(incidentId: string, items: Delivered[]): Promise<Array<'recorded'>> {
    const byStep = new Map<string, Delivered[]>();
    for (const item of items) {
      const phase = `${item.generation}|${item.stepId}`;
      byStep.set(phase, [...(byStep.get(phase) ?? []), item]);
    }
    for (const delivered of byStep.values()) {
      const first = delivered[0];
      if (first === undefined) continue;
      await this.service.execute(incidentId, {
        type: 'record_delivery',
        stepId: first.stepId,
        generation: first.generation,
        results: delivered.map((d) => d.result),
      });
    }
    return items.map(() => 'recorded' as const);
  }
}
