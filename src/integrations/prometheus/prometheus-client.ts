import axios from 'axios';

/** Why Prometheus gave no answer to use: worded by the catalogue. */
export type PrometheusProblem =
  | { code: 'prometheus_error'; status: number; error: string | undefined }
  | { code: 'not_a_ratio' }
  | { code: 'unreachable'; detail: string };

export interface Series {
  labels: Record<string, string>;
  /** [unix seconds, value] pairs, oldest first. */
  values: Array<[number, number]>;
}

export type QueryResult<T> = { ok: true; value: T } | { ok: false; problem: PrometheusProblem };

const TIMEOUT_MS = 5000;

interface ApiAnswer {
  status?: string;
  error?: string;
  data?: { resultType?: string; result?: unknown };
}

/**
 * Prometheus's HTTP API (`/api/v1/query`, `/api/v1/query_range`): the SLI source and the mitigation
 * verifications both use it. Never guesses: a Prometheus that is down or a bad query is a problem,
 * not a number.
 */
export class PrometheusClient {
  constructor(private readonly baseUrl: string) {}

  private async get(path: string, params: Record<string, string | number>): Promise<QueryResult<ApiAnswer>> {
    try {
      const response = await axios.get<ApiAnswer>(`${this.baseUrl.replace(/\/$/, '')}${path}`, {
        params,
        timeout: TIMEOUT_MS,
        validateStatus: () => true,
      });
      if (response.status !== 200 || response.data.status !== 'success')
        return {
          ok: false,
          problem: { code: 'prometheus_error', status: response.status, error: response.data.error },
        };
      return { ok: true, value: response.data };
    } catch (error) {
      return { ok: false, problem: { code: 'unreachable', detail: (error as Error).message } };
    }
  }

  /** One instant query expected to give one number (a scalar, or a vector of one series). */
  async number(query: string): Promise<QueryResult<number>> {
    const answer = await this.get('/api/v1/query', { query });
    if (!answer.ok) return answer;
    const result = answer.value.data?.result;
    const raw =
      Array.isArray(result) && result.length === 1
        ? (result[0] as { value?: [number, string] }).value?.[1]
        : answer.value.data?.resultType === 'scalar'
          ? (result as [number, string] | undefined)?.[1]
          : undefined;
    const value = Number(raw);
    if (raw === undefined || !Number.isFinite(value)) return { ok: false, problem: { code: 'not_a_ratio' } };
    return { ok: true, value };
  }

  /** A range query: every series over [start, end] at `stepS` seconds (NaN samples dropped). */
  async range(query: string, startMs: number, endMs: number, stepS: number): Promise<QueryResult<Series[]>> {
    const answer = await this.get('/api/v1/query_range', {
      query,
      start: (startMs / 1000).toFixed(3),
      end: (endMs / 1000).toFixed(3),
      step: stepS,
    });
    if (!answer.ok) return answer;
    const result = answer.value.data?.result;
    if (!Array.isArray(result)) return { ok: true, value: [] };
    return {
      ok: true,
      value: (result as Array<{ metric?: Record<string, string>; values?: Array<[number, string]> }>).map(
        (s) => ({
          labels: s.metric ?? {},
          values: (s.values ?? [])
            .map(([t, v]): [number, number] => [t, Number(v)])
            .filter(([, v]) => Number.isFinite(v)),
        }),
      ),
    };
  }
}
