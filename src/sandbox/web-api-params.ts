import type { EmulatedMessage } from './emulator-state';

/** Blocks as a Web API method takes them: an array, or its JSON text when form-encoded. */
export function blocksParam(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value !== 'string') return [];
  try {
    const parsed = JSON.parse(value) as unknown;
    return Array.isArray(parsed) ? parsed : [parsed];
  } catch {
    return [value];
  }
}

/** Slack message metadata as chat.postMessage takes it (JSON object, or a JSON string when form-encoded). */
export function metadataParam(value: unknown): { metadata?: EmulatedMessage['metadata'] } {
  const parsed: unknown = typeof value === 'string' && value !== '' ? JSON.parse(value) : value;
  if (typeof parsed !== 'object' || parsed === null) return {};
  const { event_type: eventType, event_payload: payload } = parsed as Record<string, unknown>;
  if (typeof eventType !== 'string') return {};
  return {
    metadata: {
      event_type: eventType,
      event_payload:
        typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {},
    },
  };
}
