import type { Rejection } from './rejection';
import { transition } from './transition';
import type { AlertRecord, Incident, IncidentCommand, IncidentEvent } from './types';

/** What one command of a sequence did: it changed the incident, left it as it was, or was refused. */
export type CommandEffect = 'changed' | 'unchanged' | { rejection: Rejection };

export interface AppliedCommands {
  /** One per command, in order. */
  effects: CommandEffect[];
  /** The incident after every command that changed it (`current` itself when none did). */
  incident: Incident;
  /** The events of every change, in order. */
  events: IncidentEvent[];
  /** The alert records to store, the last change of each alert. */
  alerts: AlertRecord[];
}

/**
 * Applies commands one after the other, each to what the previous ones made, as if each had been
 * saved before the next was read: one save then stores them all. A refused or ineffective command
 * does not stop the ones after it.
 */
export function applyCommands(current: Incident, commands: IncidentCommand[], now: number): AppliedCommands {
  let incident = current;
  const effects: CommandEffect[] = [];
  const events: IncidentEvent[] = [];
  const alerts = new Map<string, AlertRecord>();
  for (const command of commands) {
    const result = transition(incident, command, now);
    if (result.outcome === 'rejected') {
      effects.push({ rejection: result.rejection });
      continue;
    }
    if (result.outcome === 'unchanged') {
      effects.push('unchanged');
      continue;
    }
    incident = result.incident;
    events.push(...result.events);
    for (const alert of result.alerts ?? []) alerts.set(alert.fingerprint, alert);
    effects.push('changed');
  }
  return { effects, incident, events, alerts: [...alerts.values()] };
}
