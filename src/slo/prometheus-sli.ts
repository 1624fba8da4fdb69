import axios from 'axios';

export type SliReading = { ok: true; availability: number } | { ok: false; reason: string };

/**
 * Reads an availability ratio from Prometheus (`GET /api/v1/query`). Never guesses: a Prometheus that
 * is down, a bad query, or an answer that is not one number between 0 and 1 is a reason, not a figure.
 */
export async function readAvailability(
  prometheusUrl: string,
  promql: string,
  monthElapsedMs: number,
): Promise<SliReading> {
  const query = promql.replace(/\$__month/g, `${Math.max(1, Math.floor(monthElapsedMs / 1000))}s`);
  try {
    const response = await axios.get<{
      status?: string;
      error?: string;
      data?: { resultType?: string; result?: unknown };
    }>(`${prometheusUrl.replace(/\/$/, '')}/api/v1/query`, {
      params: { query },
      timeout: 5000,
      validateStatus: () => true,
    });
    if (response.status !== 200 || response.data.status !== 'success') {
      return {
        ok: false,
        reason: `Prometheus a répondu ${response.status}${response.data.error === undefined ? '' : ` : ${response.data.error}`}`,
      };
    }
    const result = response.data.data?.result;
    const raw =
      Array.isArray(result) && result.length === 1
        ? (result[0] as { value?: [number, string] }).value?.[1]
        : response.data.data?.resultType === 'scalar'
          ? (result as [number, string] | undefined)?.[1]
          : undefined;
    const availability = Number(raw);
    if (raw === undefined || !Number.isFinite(availability) || availability < 0 || availability > 1) {
      return { ok: false, reason: 'la requête SLI ne donne pas une seule valeur entre 0 et 1' };
    }
    return { ok: true, availability };
  } catch (error) {
    return { ok: false, reason: `Prometheus injoignable (${(error as Error).message})` };
  }
}
