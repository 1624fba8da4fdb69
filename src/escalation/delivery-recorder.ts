import { KeyedBatcher } from '../incidents/keyed-batcher';
import type { IncidentService } from '../incidents/service';
import type { DeliveryResult, IncidentCommand } from '../incidents/types';

interface Delivered {
  stepId: string;
  generation: number;
  result: DeliveryResult;
}

type RecordDelivery = Extract<IncidentCommand, { type: 'record_delivery' }>;

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
    // One command per step, all in the same read and save: the deliveries of two steps fired together
    // (a runbook's channels and a severity raise, at opening) end together too.
    const byStep = new Map<string, RecordDelivery>();
    for (const { stepId, generation, result } of items) {
      const phase = `${generation}|${stepId}`;
      const command = byStep.get(phase) ?? { type: 'record_delivery', stepId, generation, results: [] };
      command.results.push(result);
      byStep.set(phase, command);
    }
    await this.service.executeAll(incidentId, [...byStep.values()]);
    return items.map(() => 'recorded' as const);
  }
}
