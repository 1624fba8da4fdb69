import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Vigie } from '../../src/app';
import { createVigie } from '../../src/app';
import { createLogger } from '../../src/observability/logger';
import type { RunbookSet } from '../../src/runbooks/loader';
import type { Store } from '../../src/store/store';
import { ROOT } from './processes';

/**
 * Vigie in the benchmark's own process (the ingest and card-freshness benchmarks): Slack at `apiUrl`
 * (the emulator), PagerDuty unreachable (no retry within a send: its outbox item tries again), the ops
 * API in dry run, logs below warn dropped.
 */
export function inProcessVigie(store: Store, runbooks: RunbookSet, apiUrl: string): Vigie {
  return createVigie({
    logger: createLogger('warn', new Writable({ write: (_c, _e, done) => done() })),
    store,
    runbooks,
    slack: { botToken: 'xoxb-bench', signingSecret: 'bench', apiUrl },
    alertmanagerToken: undefined,
    alertsMaxBodyBytes: 32 * 1024 * 1024,
    defaultChannel: '#sre-alerts',
    escalationChannel: '#sre-escalations',
    ops: { baseUrl: undefined, token: undefined, dryRun: true },
    pagerduty: { eventsUrl: 'http://127.0.0.1:9/v2/enqueue', routingKeys: {}, retryDelaysMs: [] },
    email: { smtpUrl: undefined, from: 'vigie@bench' },
    locale: 'fr',
    postmortemTemplate: readFileSync(path.join(ROOT, 'docs/compliance/postmortem.md'), 'utf8'),
  });
}
