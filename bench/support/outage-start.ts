/**
 * When a benchmark's alerts started: two minutes before the run, as an outage's alerts reach Vigie,
 * written as Alertmanager writes it (RFC 3339 with nanoseconds, as in the shared fixtures). A fixed
 * date slides into the past as the calendar moves on: 4 h after it, every incident a benchmark opens
 * has also breached api.5xx's RTO (counted from the incident's start) and pages for it at once.
 */
export const OUTAGE_STARTED_AT = new Date(Date.now() - 2 * 60_000).toISOString().replace(/Z$/, '497449Z');
