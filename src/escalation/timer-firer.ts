import { KeyedBatcher } from '../incidents/keyed-batcher';
import type { CommandResult, IncidentService } from '../incidents/service';
import type { Logger } from '../observability/logger';
import type { WorkOutcome } from '../store/queue-worker';
import type { ClaimedWork } from '../store/store';
import type { TimerItem } from './work-items';
import { parseTimer } from './work-items';

/** Lets the other timers of one claim reach the firer before an incident's first batch is taken. */
const sameMoment = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A due timer asks the domain to fire its step. The domain decides: a timer from an older phase, a
 * step already fired, or an excused one (resolved…) does nothing. Two replicas firing the same timer
 * race on the incident's version; one wins, the other sees "already fired". An incident's timers due
 * together (at opening, its runbook's channels and often a severity raise) fire in one read and one
 * save: each save takes the incident's turn, which its alert deliveries wait for during a storm.
 */
export class TimerFirer {
  private readonly batcher = new KeyedBatcher<TimerItem, CommandResult>(
    (incidentId, timers) =>
      this.service.executeAll(
        incidentId,
        timers.map((timer) => ({
          type: 'fire_escalation',
          actor: 'vigie',
          stepId: timer.stepId,
          generation: timer.generation,
        })),
      ),
    sameMoment,
  );

  constructor(
    private readonly service: IncidentService,
    private readonly logger: Logger,
    private readonly onFired: (latenessMs: number, runbook: string, step: string) => void,
    private readonly now: () => number,
  ) {}

  async handle(work: ClaimedWork): Promise<WorkOutcome> {
    const timer = parseTimer(work.member);
    if (timer === undefined) {
      this.logger.error({ member: work.member }, 'escalation timer: unreadable member dropped');
      return 'done';
    }
    const result = await this.batcher.run(timer.incidentId, timer);
    if (result.outcome === 'changed') {
      this.onFired(this.now() - work.dueAt, result.incident.policy.runbookId ?? 'unmapped', timer.stepId);
      this.logger.info(
        { incident: timer.incidentId, step: timer.stepId, latenessMs: this.now() - work.dueAt },
        'escalation: fired',
      );
    } else if (result.outcome === 'rejected') {
      this.logger.debug(
        { incident: timer.incidentId, step: timer.stepId, rejection: result.rejection },
        'escalation timer: nothing to do',
      );
    }
    return 'done';
  }
}
