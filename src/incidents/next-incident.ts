import type { Incident } from './types';

/**
 * A deep copy of plain data (what an incident holds: objects, arrays, strings, numbers, booleans,
 * null, undefined). Several times faster than `structuredClone`, which serializes through a buffer.
 */
function copyData<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item: unknown) => copyData(item)) as T;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = copyData((value as Record<string, unknown>)[key]);
  return copy as T;
}

/**
 * A copy of an incident for a transition to edit. The policy is frozen when the incident opens and no
 * transition changes it, so the copy shares it: it is half of an incident's document. Copying was the
 * largest single cost of a mass escalation (a thousand incidents due at once) with `structuredClone`.
 */
export function nextIncident(current: Incident): Incident {
  const { policy, ...state } = current;
  // The policy added to the copy: a spread followed by a field would copy it again, on V8's slow path.
  return Object.assign(copyData(state), { policy });
}
