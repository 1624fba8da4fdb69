import type { WorkQueue } from '../../src/store/store';
import { ALERTMANAGER_TOKEN } from './harness';

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `condition` (sync or async) every 50 ms until it holds; fails naming `what` after `timeoutMs`. */
export async function until(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 8000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

/**
 * Waits until a durable queue holds nothing, scheduled or claimed: the positive witness that all of its
 * work ran (and none is waiting to retry), before a test checks that something did not happen.
 */
export async function drained(queue: WorkQueue, what: string, timeoutMs = 8000): Promise<void> {
  await until(
    async () => {
      const { due, leased } = await queue.counts();
      return due === 0 && leased === 0;
    },
    `${what} to be drained`,
    timeoutMs,
  );
}

/** POSTs an Alertmanager body to a Vigie (a replica's URL) with the test token; returns the status. */
export async function postAlertsTo(url: string, body: string): Promise<number> {
  const response = await fetch(`${url}/alerts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ALERTMANAGER_TOKEN}`, 'content-type': 'application/json' },
    body,
  });
  await response.text();
  return response.status;
}
