/**
 * The actors that are not people, by the id the timeline and the audit log store: Alertmanager's
 * deliveries, and Vigie's own timers and checks. Surfaces show them by their product names.
 */
const SYSTEM_ACTOR_NAMES: ReadonlyMap<string, string> = new Map([
  ['alertmanager', 'Alertmanager'],
  ['vigie', 'Vigie'],
]);

/** How a surface names an actor no directory knows: its product name, else the id as stored. */
export function actorName(actor: string): string {
  return SYSTEM_ACTOR_NAMES.get(actor) ?? actor;
}
