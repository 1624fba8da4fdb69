import { z } from 'zod';

const labelSet = z.record(z.string(), z.string());

/** Alertmanager's "zero time", sent as endsAt while an alert fires. */
export const ZERO_TIME = '0001-01-01T00:00:00Z';

/** One alert as Vigie reads it (unknown fields are dropped: nothing downstream reads them). */
export interface WebhookAlert {
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
  fingerprint: string;
}

/**
 * The envelope of an Alertmanager webhook payload, version 4. Unknown fields are accepted: newer
 * Alertmanagers add some. The alerts are checked by `readAlert` (below), in slices.
 */
const envelopeSchema = z.looseObject({
  version: z.literal('4'),
  groupKey: z.string(),
  truncatedAlerts: z.number().int().min(0).default(0),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string(),
  groupLabels: labelSet.default({}),
  commonLabels: labelSet.default({}),
  commonAnnotations: labelSet.default({}),
  externalURL: z.string().default(''),
  alerts: z.array(z.unknown()),
});

/** What Vigie reads of a payload (the envelope's other fields are checked, then dropped). */
export interface WebhookPayload {
  version: '4';
  groupKey: string;
  truncatedAlerts: number;
  status: 'firing' | 'resolved';
  receiver: string;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  externalURL: string;
  alerts: WebhookAlert[];
}

export interface PayloadIssue {
  path: string;
  message: string;
}

export type PayloadResult = { ok: true; payload: WebhookPayload } | { ok: false; issues: PayloadIssue[] };

/** Issues reported at most, whatever the body (a 10,000-alert body can be wrong 10,000 times). */
const MAX_ISSUES = 20;
/** Alerts checked between two turns of the event loop: a storm's bodies never hold up a click's ack. */
const SLICE = 1_000;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Records an issue of alert `index` (its path is built only then: a storm's alerts are nearly all well formed). */
function issue(issues: PayloadIssue[], index: number, field: string, message: string): void {
  issues.push({ path: field === '' ? `alerts.${index}` : `alerts.${index}.${field}`, message });
}

function labels(
  value: unknown,
  index: number,
  field: string,
  issues: PayloadIssue[],
): Record<string, string> | undefined {
  if (!isRecord(value)) {
    issue(issues, index, field, 'expected an object of strings');
    return undefined;
  }
  // for…in over JSON.parse's own keys: Object.entries allocated an array per label.
  for (const name in value)
    if (typeof value[name] !== 'string') {
      issue(issues, index, `${field}.${name}`, 'expected a string');
      return undefined;
    }
  return value as Record<string, string>;
}

function optionalString(
  value: unknown,
  fallback: string,
  index: number,
  field: string,
  issues: PayloadIssue[],
): string {
  if (value === undefined) return fallback;
  if (typeof value === 'string') return value;
  issue(issues, index, field, 'expected a string');
  return fallback;
}

/**
 * Checks one alert of a v4 payload by hand: the same rules a schema would apply, at a fraction of
 * the cost (a 10,000-alert body is checked in milliseconds). Returns the alert, or undefined with its
 * issues appended.
 */
export function readAlert(value: unknown, index: number, issues: PayloadIssue[]): WebhookAlert | undefined {
  const before = issues.length;
  if (!isRecord(value)) {
    issue(issues, index, '', 'expected an object');
    return undefined;
  }
  const { status, fingerprint, startsAt } = value;
  if (status !== 'firing' && status !== 'resolved')
    issue(issues, index, 'status', 'expected "firing" or "resolved"');
  if (typeof fingerprint !== 'string' || fingerprint.length === 0 || fingerprint.length > 128)
    issue(issues, index, 'fingerprint', 'expected a string of 1 to 128 characters');
  if (typeof startsAt !== 'string' || Number.isNaN(Date.parse(startsAt)))
    issue(issues, index, 'startsAt', 'not an RFC 3339 time');
  const alertLabels = labels(value.labels, index, 'labels', issues);
  const annotations =
    value.annotations === undefined ? {} : labels(value.annotations, index, 'annotations', issues);
  const endsAt = optionalString(value.endsAt, ZERO_TIME, index, 'endsAt', issues);
  const generatorURL = optionalString(value.generatorURL, '', index, 'generatorURL', issues);
  if (issues.length > before || alertLabels === undefined || annotations === undefined) return undefined;
  return {
    status: status as WebhookAlert['status'],
    labels: alertLabels,
    annotations,
    startsAt: startsAt as string,
    endsAt,
    generatorURL,
    fingerprint: fingerprint as string,
  };
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Reads a parsed JSON body as an Alertmanager v4 payload: the envelope with zod, the alerts by hand in
 * slices of SLICE (yielding the event loop between them). Issues name their path (`alerts.3.startsAt`).
 */
export async function readWebhookPayload(json: unknown): Promise<PayloadResult> {
  const envelope = envelopeSchema.safeParse(json);
  const issues: PayloadIssue[] = envelope.success
    ? []
    : envelope.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const raw = isRecord(json) && Array.isArray(json.alerts) ? (json.alerts as unknown[]) : [];
  const alerts: WebhookAlert[] = [];
  for (let start = 0; start < raw.length && issues.length < MAX_ISSUES; start += SLICE) {
    if (start > 0) await nextTurn();
    const end = Math.min(raw.length, start + SLICE);
    for (let i = start; i < end && issues.length < MAX_ISSUES; i += 1) {
      const alert = readAlert(raw[i], i, issues);
      if (alert !== undefined) alerts.push(alert);
    }
  }
  if (!envelope.success || issues.length > 0) return { ok: false, issues: issues.slice(0, MAX_ISSUES) };
  const e = envelope.data;
  return {
    ok: true,
    payload: {
      version: e.version,
      groupKey: e.groupKey,
      truncatedAlerts: e.truncatedAlerts,
      status: e.status,
      receiver: e.receiver,
      groupLabels: e.groupLabels,
      commonLabels: e.commonLabels,
      commonAnnotations: e.commonAnnotations,
      externalURL: e.externalURL,
      alerts,
    },
  };
}
