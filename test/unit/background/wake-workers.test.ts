import { OUTBOX_QUEUE, TIMER_QUEUE } from '../../../src/escalation/work-items';
import { POSTMORTEM_QUEUE } from '../../../src/postmortem/postmortem-work';
import { VERIFY_QUEUE } from '../../../src/verification/verification-effects';
import { wakeWorkers } from '../../../src/wake-workers';

const NOW = 1_796_000_000_000;

/** A worker that counts the times it was woken. */
function counting() {
  const worker = { wakes: 0, wake: () => (worker.wakes += 1) };
  return worker;
}

describe('waking the workers a save gave work to', () => {
  const setup = () => {
    const cards = counting();
    const escalation = counting();
    const postmortems = counting();
    const verifier = counting();
    const byQueue = new Map([
      [TIMER_QUEUE, escalation],
      [OUTBOX_QUEUE, escalation],
      [POSTMORTEM_QUEUE, postmortems],
      [VERIFY_QUEUE, verifier],
    ]);
    return { cards, escalation, postmortems, verifier, byQueue };
  };

  it('a save with nothing due now (new alerts in a storm) wakes the card worker only', () => {
    const { cards, escalation, postmortems, verifier, byQueue } = setup();
    wakeWorkers(
      {
        // A storm's save: its timer re-armed for later, nothing due now but its card.
        schedule: [{ queue: TIMER_QUEUE, member: 'INC-1|sev1|1', dueAt: NOW + 60_000 }],
        cancel: [{ queue: TIMER_QUEUE, member: 'INC-1|sev2|1' }],
      },
      NOW,
      cards,
      byQueue,
    );
    expect([cards.wakes, escalation.wakes, postmortems.wakes, verifier.wakes]).toEqual([1, 0, 0, 0]);
  });

  it('wakes each worker with an entry due now, once however many entries', () => {
    const { cards, escalation, postmortems, verifier, byQueue } = setup();
    wakeWorkers(
      {
        schedule: [
          { queue: OUTBOX_QUEUE, member: 'INC-1|a', dueAt: NOW },
          { queue: OUTBOX_QUEUE, member: 'INC-1|b', dueAt: NOW },
          { queue: TIMER_QUEUE, member: 'INC-1|sev1|1', dueAt: NOW - 1 },
          { queue: POSTMORTEM_QUEUE, member: 'INC-1', dueAt: NOW },
        ],
        cancel: [],
      },
      NOW,
      cards,
      byQueue,
    );
    expect([cards.wakes, escalation.wakes, postmortems.wakes, verifier.wakes]).toEqual([1, 1, 1, 0]);
  });

  it('a queue no worker of this process drains wakes nobody else', () => {
    const { cards, escalation, postmortems, verifier, byQueue } = setup();
    wakeWorkers(
      { schedule: [{ queue: 'elsewhere', member: 'm', dueAt: NOW }], cancel: [] },
      NOW,
      cards,
      byQueue,
    );
    expect([cards.wakes, escalation.wakes, postmortems.wakes, verifier.wakes]).toEqual([1, 0, 0, 0]);
  });
});
