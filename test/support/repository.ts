import type { IncidentRepository } from '../../src/incidents/ports';

/**
 * A repository that forwards every call to `inner` except those in `overrides`: a test watches or
 * disturbs one method (saves that fail, reads it counts) of a real store.
 */
export function delegating(
  inner: IncidentRepository,
  overrides: Partial<IncidentRepository>,
): IncidentRepository {
  return {
    nextIncidentNumber: () => inner.nextIncidentNumber(),
    get: (id) => inner.get(id),
    findByKey: (key) => inner.findByKey(key),
    listOpen: () => inner.listOpen(),
    openPages: (size) => inner.openPages(size),
    openCounts: () => inner.openCounts(),
    listOpenedSince: (since) => inner.listOpenedSince(since),
    impactsSince: (since) => inner.impactsSince(since),
    alertStates: (id, fingerprints) => inner.alertStates(id, fingerprints),
    findByKeyWithStates: (key, fingerprints) => inner.findByKeyWithStates(key, fingerprints),
    listAlerts: (id, limit) => inner.listAlerts(id, limit),
    save: (incident, expected, work, alerts) => inner.save(incident, expected, work, alerts),
    ...overrides,
  };
}
