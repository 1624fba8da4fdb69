import axios from 'axios';
import type { AxiosInstance } from 'axios';
import type { MitigationOutcome, RunReason } from '../../incidents/types';
import { redactUrl } from '../../observability/redact-url';
import type { OpsRequest } from './ops-request';

export interface OpsClientOptions {
  baseUrl: string | undefined;
  token: string | undefined;
  dryRun: boolean;
}

const MESSAGE_LIMIT = 300;

function describe(request: OpsRequest, baseUrl: string | undefined): string {
  const body = request.body === undefined ? '' : ` ${JSON.stringify(request.body)}`;
  const base = baseUrl === undefined ? '$OPS_API_URL' : redactUrl(baseUrl).replace(/\/$/, '');
  return `${request.method} ${base}${request.path}${body} (Idempotency-Key: ${request.idempotencyKey})`;
}

/** Any `scheme://user:pass@` in a message loses its credentials. */
const redactCredentials = (text: string): string => text.replace(/(\w+:\/\/)[^/@\s]+@/g, '$1');

function messageOf(data: unknown): string | undefined {
  if (typeof data === 'string') return data.slice(0, MESSAGE_LIMIT) || undefined;
  if (typeof data === 'object' && data !== null) {
    const record = data as Record<string, unknown>;
    const text = record.message ?? record.error ?? record.detail;
    return typeof text === 'string'
      ? text.slice(0, MESSAGE_LIMIT)
      : JSON.stringify(data).slice(0, MESSAGE_LIMIT);
  }
  return undefined;
}

/** Calls the JMD ops API for `http` mitigations. Never throws: every failure becomes an outcome to show. */
export class OpsClient {
  private readonly http: AxiosInstance;

  constructor(private readonly options: OpsClientOptions) {
    this.http = axios.create({
      ...(options.baseUrl === undefined ? {} : { baseURL: options.baseUrl }),
      headers: options.token === undefined ? {} : { authorization: `Bearer ${options.token}` },
      validateStatus: () => true,
      maxRedirects: 0,
    });
  }

  get dryRun(): boolean {
    return this.options.dryRun;
  }

  async execute(request: OpsRequest): Promise<MitigationOutcome> {
    if (this.options.dryRun) {
      return {
        status: 'dry_run',
        httpStatus: undefined,
        durationMs: undefined,
        message: describe(request, this.options.baseUrl),
      };
    }
    if (this.options.baseUrl === undefined) {
      return {
        status: 'failed',
        httpStatus: undefined,
        durationMs: 0,
        message: undefined,
        reason: { code: 'ops_not_configured' },
      };
    }
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const response = await this.http.request({
        method: request.method,
        url: request.path,
        data: request.body,
        timeout: request.timeoutMs,
        headers: { 'idempotency-key': request.idempotencyKey, 'content-type': 'application/json' },
      });
      const ok = response.status >= 200 && response.status < 300;
      return {
        status: ok ? 'succeeded' : 'failed',
        httpStatus: response.status,
        durationMs: elapsed(),
        message: messageOf(response.data),
      };
    } catch (error) {
      const code = axios.isAxiosError(error) ? error.code : undefined;
      const reason: RunReason =
        code === 'ECONNABORTED' || code === 'ETIMEDOUT'
          ? { code: 'timeout', ms: request.timeoutMs }
          : code === 'ECONNREFUSED'
            ? { code: 'connection_refused' }
            : { code: 'request_failed', detail: redactCredentials((error as Error).message) };
      // Refused before sending: nothing happened. Anything else: the ops API may have acted.
      const unknown = code !== 'ECONNREFUSED';
      return {
        status: 'failed',
        httpStatus: undefined,
        durationMs: elapsed(),
        message: undefined,
        reason,
        unknown,
      };
    }
  }
}
