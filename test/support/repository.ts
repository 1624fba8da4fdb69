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

/** `inner`, counting its saves and the ones that lost a version race. */
export function countingSaves(inner: IncidentRepository): {
  repository: IncidentRepository;
  counts: { saves: number; conflicts: number };
} {
  const counts = { saves: 0, conflicts: 0 };
  const repository = delegating(inner, {
    save: async (incident, expected, work, alerts) => {
      const saved = await inner.save(incident, expected, work, alerts);
      counts.saves += 1;
      if (!saved) counts.conflicts += 1;
      return saved;
    },
  });
  return { repository, counts };
}
