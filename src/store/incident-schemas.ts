import { z } from 'zod';
import { triggerCheck, verification, verifyTiming } from './verification-document';
import { DELIVERY_OUTCOMES, DELIVERY_REASONS, TIMELINE_KINDS } from '../incidents/types';

/**
 * The zod schemas of what Redis holds for an incident (see incident-document.ts for the layouts and
 * the readers): its header in layouts 3, 2 and 1, its policy, its alerts and its impact record.
 */

/** The current layout of an incident document (incident-document.ts says what each layout holds). */
export const INCIDENT_LAYOUT = 3;

const severity = z.enum(['SEV1', 'SEV2', 'warning']);
const strings = z.record(z.string(), z.string());
const check = z.object({ by: z.string(), at: z.number() });
const window = z.object({ start: z.number(), end: z.number() });

export const alertRecord = z.object({
  fingerprint: z.string(),
  status: z.enum(['firing', 'resolved']),
  startsAt: z.string(),
  endsAt: z.string().optional(),
  labels: strings,
  annotations: strings,
  generatorURL: z.string().optional(),
  receivedAt: z.number().optional(),
});

const trigger = z.union([
  z.object({ kind: z.literal('after'), afterMs: z.number(), from: z.enum(['opening', 'start']).optional() }),
  z.object({
    kind: z.literal('opened'),
    delayMs: z.number().optional(),
    alertsAtLeast: z.number().optional(),
    onReopen: z.boolean(),
  }),
  z.object({ kind: z.literal('button'), label: z.string() }),
  z.object({
    kind: z.literal('conditions'),
    openLongerThanMs: z.number().optional(),
    affectedAtLeast: z.number().optional(),
    slaThreatened: z.boolean(),
  }),
]);

const channel = z.enum(['pagerduty', 'email', 'slack', 'slack_dm']);
const flags = z.object({
  postmortemRequired: z.boolean(),
  customerInformationRequired: z.boolean(),
  incidentReportRequired: z.boolean(),
  rtoBreached: z.boolean(),
});

const step = z.object({
  id: z.string(),
  description: z.string(),
  name: z.string().optional(),
  trigger,
  unless: z.array(z.enum(['resolved', 'acknowledged'])),
  notify: z.array(z.string()),
  via: z.array(channel),
  routes: z.partialRecord(channel, z.array(z.string())).optional(),
  sets: flags.partial().extend({ severity: severity.optional() }),
});

export const policy = z.object({
  runbookId: z.string().nullable(),
  title: z.string(),
  severity,
  channels: z.array(z.string()),
  autoResolve: z.boolean(),
  reopenWindowMs: z.number(),
  itemLabel: z.string().optional(),
  cardsPerMinute: z.number().int().min(1).optional(),
  consumesBudget: z.boolean().optional(),
  trigger: triggerCheck.optional(),
  verify: z.record(z.string(), verifyTiming).optional(),
  startLookbackMs: z.number().optional(),
  escalation: z.array(step),
});

/** A layout-2 document: the header with its policy inside. */
export const headerWithPolicy = z.object({
  layout: z.literal(2),
  id: z.string(),
  key: z.string(),
  policy,
  severity,
  status: z.enum(['open', 'acknowledged', 'resolved']),
  version: z.number(),
  generation: z.number(),
  openedAt: z.number(),
  updatedAt: z.number(),
  acknowledgedAt: z.number().optional(),
  acknowledgedBy: z.string().optional(),
  resolvedAt: z.number().optional(),
  resolvedBy: z.string().optional(),
  groupLabels: strings,
  alertTally: z.object({
    firing: z.number(),
    resolved: z.number(),
    firstStartsAt: z.number().optional(),
    firingSince: z.number().optional(),
    closedWindows: z.array(window),
    names: z.array(z.string()),
  }),
  truncatedAlerts: z.number(),
  externalURL: z.string().optional(),
  timeline: z.array(
    z.object({
      seq: z.number(),
      at: z.number(),
      actor: z.string(),
      kind: z.enum(TIMELINE_KINDS),
      details: z.array(z.string()),
    }),
  ),
  timelineDropped: z.number(),
  triage: z.record(z.string(), check),
  mitigations: z.record(
    z.string(),
    z.array(
      z.object({
        number: z.number(),
        status: z.enum(['running', 'succeeded', 'failed', 'dry_run']),
        by: z.string(),
        startedAt: z.number(),
        finishedAt: z.number().optional(),
        httpStatus: z.number().optional(),
        durationMs: z.number().optional(),
        message: z.string().optional(),
        reason: z
          .discriminatedUnion('code', [
            z.object({ code: z.literal('ops_not_configured') }),
            z.object({ code: z.literal('timeout'), ms: z.number() }),
            z.object({ code: z.literal('connection_refused') }),
            z.object({ code: z.literal('request_failed'), detail: z.string() }),
            z.object({ code: z.literal('unsafe_path'), variable: z.string(), value: z.string() }),
            z.object({ code: z.literal('interrupted') }),
          ])
          .optional(),
        unknown: z.boolean().optional(),
        keyRun: z.number().optional(),
      }),
    ),
  ),
  summary: z.string().optional(),
  resolution: z
    .object({
      cause: z.string(),
      summary: z.string(),
      customerImpact: z.string(),
      impact: window.optional(),
    })
    .optional(),
  phaseStartedAt: z.number(),
  escalations: z.array(
    z.object({
      stepId: z.string(),
      generation: z.number(),
      firedAt: z.number(),
      by: z.string(),
      deliveries: z
        .array(
          z.object({
            channel,
            target: z.string(),
            outcome: z.enum(DELIVERY_OUTCOMES),
            reason: z.enum(DELIVERY_REASONS).optional(),
            attempts: z.number().int().optional(),
            detail: z.string(),
            item: z.string().optional(),
          }),
        )
        .optional(),
    }),
  ),
  flags,
  followups: z.record(z.string(), check),
  verifications: z.array(verification).optional(),
});

/** A layout-3 document: the header naming its policy. */
export const header = headerWithPolicy
  .omit({ layout: true, policy: true })
  .extend({ layout: z.literal(INCIDENT_LAYOUT), policyRef: z.string().min(1) });

/** A layout-1 document: the header fields, every alert inside, no tally. */
export const legacy = headerWithPolicy
  .omit({ layout: true, alertTally: true })
  .extend({ alerts: z.record(z.string(), alertRecord) });

export const impact = z.object({
  incidentId: z.string(),
  version: z.number().int().optional(),
  runbookId: z.string().nullable(),
  consumes: z.boolean().optional(),
  windows: z.array(window),
  ongoingSince: z.number().optional(),
});
