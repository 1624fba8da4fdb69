import { PrometheusClient } from '../integrations/prometheus/prometheus-client';
import type { PrometheusProblem } from '../integrations/prometheus/prometheus-client';

/** Why the SLI gave no figure: worded by the catalogue (`budget.unavailable`). */
export type SliProblem = PrometheusProblem;

export type AvailabilityReading =
  | {
      ok: true;
      availability: number;
      /** Unix ms the SLI's data begins, if known. */ dataSince: number | undefined;
    }
  | { ok: false; problem: SliProblem };

/**
 * Reads the month's availability ratio from Prometheus, and since when the data it stands on goes
 * back. Never guesses: a Prometheus that is down, a bad query, or an answer that is not one number
 * between 0 and 1 is a problem, not a figure.
 */
export async function readAvailability(
  prometheusUrl: string,
  sli: { promql: string; data_since: string },
  monthElapsedMs: number,
): Promise<AvailabilityReading> {
  const client = new PrometheusClient(prometheusUrl);
  const query = sli.promql.replace(/\$__month/g, `${Math.max(1, Math.floor(monthElapsedMs / 1000))}s`);
  const [ratio, since] = await Promise.all([client.number(query), client.number(sli.data_since)]);
  if (!ratio.ok) return ratio;
  if (ratio.value < 0 || ratio.value > 1) return { ok: false, problem: { code: 'not_a_ratio' } };
  // Where the data begins is a nicety: unknown (no such metric) means "the whole month".
  return { ok: true, availability: ratio.value, dataSince: since.ok ? since.value * 1000 : undefined };
}
