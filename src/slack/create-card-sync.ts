import type { Clock } from '../incidents/ports';
import type { AlertRecord, Incident, TimelineEntry } from '../incidents/types';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import type { RunbookSet } from '../runbooks/loader';
import type { RunbookRegistry } from '../runbooks/registry';
import type { SloTracker } from '../slo/slo-tracker';
import { QueueWorker } from '../store/queue-worker';
import type { Store } from '../store/store';
import { renderThreadReply } from './blocks/card-timeline';
import type { Locale } from '../i18n';
import type { CardStrings } from '../i18n';
import { cardStrings, messages } from '../i18n';
import { readVerdictDetail } from '../incidents/verification';
import type { KnownBlock } from '@slack/types';
import { mitigationBlock, nextMitigation } from './blocks/card-runbook';
import type { CardContext } from './blocks/incident-card';
import { ALERTS_ON_CARD, cardNames, renderIncidentCard, renderMinimalCard } from './blocks/incident-card';
import { renderStormDigest } from './blocks/storm-digest';
import { CardSync } from './card-sync';
import { StormDigests } from './storm-digests';
import type { ChatTransport } from './transport';

export interface CardSyncSetup {
  store: Store;
  transport: ChatTransport;
  registry: RunbookRegistry;
  runbooks: RunbookSet;
  slo: SloTracker;
  locale: Locale;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  timing?: { pollMs?: number; leaseMs?: number };
}

/**
 * A verdict saying the incident is still degraded offers, in the thread, the runbook's next mitigation
 * (the card's own button: same confirm dialog, same permissions).
 */
function nextMitigationBlocks(
  incident: Incident,
  entries: TimelineEntry[],
  ctx: CardContext,
  s: CardStrings,
): KnownBlock[] {
  if (incident.status === 'resolved') return [];
  const degraded = entries
    .filter((e) => e.kind === 'verification_verdict')
    .filter((e) => readVerdictDetail(e.details[1] ?? '')?.status === 'degraded')
    .map((e) => ctx.runbook?.mitigations.find((m) => m.id === e.details[0]))
    .at(-1);
  const next = degraded === undefined ? undefined : nextMitigation(incident, degraded, ctx.runbook);
  return next === undefined ? [] : [mitigationBlock(incident, next, s, ctx)];
}

/** The worker that keeps every card equal to its incident, with what the card builders need. */
export function createCardSync(setup: CardSyncSetup): QueueWorker {
  const { registry, slo, clock, locale, timing } = setup;
  const roleNames = Object.fromEntries(
    Object.entries(setup.runbooks.contacts.roles).map(([id, role]) => [id, role.name]),
  );
  const context = (
    incident: Incident,
    budget: CardContext['budget'],
    alerts: AlertRecord[],
  ): CardContext => ({
    runbook: incident.policy.runbookId === null ? undefined : registry.get(incident.policy.runbookId),
    urls: setup.runbooks.platform.urls,
    alerts,
    roleNames,
    budget,
    budgetUnavailableReason: slo.unavailableReason,
    followups: setup.runbooks.slo.post_incident.map((p) => ({ id: p.id, label: p.label })),
    locale,
    // The card shows the incident as of its last change (Slack date tokens keep relative times live),
    // so rendering the same state twice gives the same content and no update is sent for nothing.
    now: incident.updatedAt,
  });
  // The month's one figure, as every surface shows it (the tracker re-syncs the cards showing it when it moves).
  const budgetFor = async (incident: Incident) =>
    slo.consumesIncident(incident) ? await slo.currentAfter(incident) : null;
  const logger = setup.logger.child({ component: 'card-sync' });
  const cards = new CardSync({
    store: setup.store,
    transport: setup.transport,
    // Only the alerts the card lists are read: rendering costs the same for 10 alerts or 10,000.
    render: async (incident) => {
      const alerts = await setup.store.incidents.listAlerts(incident.id, ALERTS_ON_CARD);
      return renderIncidentCard(incident, context(incident, await budgetFor(incident), alerts));
    },
    renderMinimal: (incident) => renderMinimalCard(incident, context(incident, null, [])),
    renderThread: (incident, entries) => {
      const ctx = context(incident, null, []);
      return renderThreadReply(incident, entries, messages(locale), cardNames(incident, ctx), (shown) =>
        nextMitigationBlocks(incident, shown, ctx, cardStrings(locale)),
      );
    },
    digests: new StormDigests({
      store: setup.store,
      transport: setup.transport,
      render: (view) => renderStormDigest(view, cardStrings(locale)),
      clock,
      logger,
    }),
    clock,
    logger,
  });
  return new QueueWorker({
    name: 'card-sync',
    queue: setup.store.cardSync,
    clock,
    logger,
    handle: async (work) => {
      const outcome = await cards.sync(work).catch((error: unknown) => {
        setup.metrics.cardSyncPasses.inc({ outcome: 'failed' });
        throw error;
      });
      setup.metrics.cardSyncPasses.inc({ outcome: outcome === 'done' ? 'done' : 'held' });
      return outcome;
    },
    ...(timing?.pollMs === undefined ? {} : { pollMs: timing.pollMs }),
    ...(timing?.leaseMs === undefined ? {} : { leaseMs: timing.leaseMs }),
  });
}
