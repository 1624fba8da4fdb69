import type { DeliveryOutcome, DeliveryReason, DeliveryResult, EscalationChannel, RunReason } from './types';
import { DELIVERY_OUTCOMES, DELIVERY_REASONS } from './types';

/**
 * Timeline entries keep short details; the structured ones (a delivery's result, a run's failure
 * reason) are kept as JSON so each surface words them in its language. Entries written before codes
 * existed ("email:noc@jmd.example:sent (…)") are still read.
 */

const REASON_PREFIX = 'reason:';

export function deliveryDetail(result: DeliveryResult): string {
  return JSON.stringify({
    channel: result.channel,
    target: result.target,
    outcome: result.outcome,
    ...(result.reason === undefined ? {} : { reason: result.reason }),
    ...(result.attempts === undefined ? {} : { attempts: result.attempts }),
    ...(result.detail === '' ? {} : { detail: result.detail }),
  });
}

const CHANNELS = new Set<string>(['pagerduty', 'email', 'slack', 'slack_dm']);
const OUTCOMES = new Set<string>(DELIVERY_OUTCOMES);
const REASONS = new Set<string>(DELIVERY_REASONS);

export interface ReadDelivery {
  channel: EscalationChannel;
  target: string;
  outcome: DeliveryOutcome;
  reason: DeliveryReason | undefined;
  attempts: number | undefined;
  detail: string;
}

/** A delivery detail as written now (JSON) or before ("channel:target:outcome (detail)"); undefined if neither. */
export function readDeliveryDetail(text: string): ReadDelivery | undefined {
  if (text.startsWith('{')) {
    try {
      const value = JSON.parse(text) as Record<string, unknown>;
      const { channel, target, outcome, reason, detail, attempts } = value;
      if (typeof channel !== 'string' || !CHANNELS.has(channel)) return undefined;
      if (typeof outcome !== 'string' || !OUTCOMES.has(outcome)) return undefined;
      return {
        channel: channel as EscalationChannel,
        target: typeof target === 'string' ? target : '',
        outcome: outcome as DeliveryOutcome,
        reason: typeof reason === 'string' && REASONS.has(reason) ? (reason as DeliveryReason) : undefined,
        attempts: typeof attempts === 'number' ? attempts : undefined,
        detail: typeof detail === 'string' ? detail : '',
      };
    } catch {
      return undefined;
    }
  }
  const legacy = /^([a-z_]+):(.*):(sent|failed|skipped|fallback)(?: \((.*)\))?$/.exec(text);
  if (legacy === null || !CHANNELS.has(legacy[1] ?? '')) return undefined;
  return {
    channel: legacy[1] as EscalationChannel,
    target: legacy[2] ?? '',
    outcome: legacy[3] as DeliveryOutcome,
    reason: undefined,
    attempts: undefined,
    detail: legacy[4] ?? '',
  };
}

export function runReasonDetail(reason: RunReason): string {
  return `${REASON_PREFIX}${JSON.stringify(reason)}`;
}

/** A run's failure reason kept in a timeline entry, if the detail is one. */
export function readRunReason(text: string): RunReason | undefined {
  if (!text.startsWith(REASON_PREFIX)) return undefined;
  try {
    const value = JSON.parse(text.slice(REASON_PREFIX.length)) as { code?: unknown };
    return typeof value.code === 'string' ? (value as RunReason) : undefined;
  } catch {
    return undefined;
  }
}
