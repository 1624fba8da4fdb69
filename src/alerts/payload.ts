import { z } from 'zod';

const labelSet = z.record(z.string(), z.string());

/** Alertmanager's "zero time", sent as endsAt while an alert fires. */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

const alertSchema = z.looseObject({
  status: z.enum(['firing', 'resolved']),
  labels: labelSet,
  annotations: labelSet.default({}),
  startsAt: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not an RFC 3339 time'),
  endsAt: z.string().default(ZERO_TIME),
  generatorURL: z.string().default(''),
  fingerprint: z.string().min(1).max(128),
});

/** Alertmanager webhook payload, version 4. Unknown fields are kept: newer Alertmanagers add some. */
export const webhookPayloadSchema = z.looseObject({
  version: z.literal('4'),
  groupKey: z.string(),
  truncatedAlerts: z.number().int().min(0).default(0),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string(),
  groupLabels: labelSet.default({}),
  commonLabels: labelSet.default({}),
  commonAnnotations: labelSet.default({}),
  externalURL: z.string().default(''),
  alerts: z.array(alertSchema),
});

export type WebhookPayload = z.output<typeof webhookPayloadSchema>;
export type WebhookAlert = WebhookPayload['alerts'][number];
