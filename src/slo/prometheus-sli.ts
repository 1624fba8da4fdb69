import axios from 'axios';

/** Why the SLI gave no figure: worded by the catalogue (`budget.sliProblem`). */
export type SliProblem =
  | { code: 'prometheus_error'; status: number; error: string | undefined }
  | { code: 'not_a_ratio' }
  | { code: 'unreachable'; detail: string };

export type SliReading = { ok: true; value: number } | { ok: false; problem: SliProblem };

const TIMEOUT_MS = 5000;

/** One instant query: a single number, or why not. */
async function queryNumber(prometheusUrl: string, query: string): Promise<SliReading> {
  try {
    const response = await axios.get<{
      status?: string;
      error?: string;
      data?: { resultType?: string; result?: unknown };
    }>(`${prometheusUrl.replace(/\/$/, '')}/api/v1/query`, {
      params: { query },
      timeout: TIMEOUT_MS,
      validateStatus: () => true,
    });
    if (response.status !== 200 || response.data.status !== 'success')
      return {
        ok: false,
        problem: { code: 'prometheus_error', status: response.status, error: response.data.error },
      };
    const result = response.data.data?.result;
    const raw =
      Array.isArray(result) && result.length === 1
        ? (result[0] as { value?: [number, string] }).value?.[1]
        : response.data.data?.resultType === 'scalar'
          ? (result as [number, string] | undefined)?.[1]
          : undefined;
    const value = Number(raw);
    if (raw === undefined || !Number.isFinite(value)) return { ok: false, problem: { code: 'not_a_ratio' } };
    return { ok: true, value };
  } catch (error) {
    return { ok: false, problem: { code: 'unreachable', detail: (error as Error).message } };
  }
}

export type AvailabilityReading =
  | {
      ok: true;
      availability: number;
      /** Unix ms the SLI's data begins, if known. */ dataSince: number | undefined;
    }
  | { ok: false; problem: SliProblem };

/**
 * Reads the month's availability ratio from Prometheus (`GET /api/v1/query`), and since when the data
 * it stands on goes back. Never guesses: a Prometheus that is down, a bad query, or an answer that is
 * not one number between 0 and 1 is a problem, not a figure.
 */
export async function readAvailability(
  prometheusUrl: string,
  sli: { promql: string; data_since: string },
  monthElapsedMs: number,
): Promise<AvailabilityReading> {
  const query = sli.promql.replace(/\$__month/g, `${Math.max(1, Math.floor(monthElapsedMs / 1000))}s`);
  const [ratio, since] = await Promise.all([
    queryNumber(prometheusUrl, query),
    queryNumber(prometheusUrl, sli.data_since),
  ]);
  if (!ratio.ok) return ratio;
  if (ratio.value < 0 || ratio.value > 1) return { ok: false, problem: { code: 'not_a_ratio' } };
  // Where the data begins is a nicety: unknown (no such metric) means "the whole month".
  return { ok: true, availability: ratio.value, dataSince: since.ok ? since.value * 1000 : undefined };
}
