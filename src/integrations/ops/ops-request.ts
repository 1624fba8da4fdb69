import type { Mitigation } from '../../runbooks/schema';
import type { TemplateScope } from '../../runbooks/template';
import { renderTemplate } from '../../runbooks/template';

type HttpAction = Extract<Mitigation['action'], { type: 'http' }>;

/** Exactly what a mitigation sends to the ops API (what a dry run shows). */
export interface OpsRequest {
  method: HttpAction['method'];
  path: string;
  body: Record<string, string | number | boolean> | undefined;
  timeoutMs: number;
  /** Same key for a double click or a Slack retry of one run; a deliberate retry is a new run, a new key. */
  idempotencyKey: string;
}

/**
 * Fills the runbook's request from the incident: path variables are URL-encoded (a label cannot
 * change the route), body strings are filled as they are.
 */
export function buildOpsRequest(
  action: HttpAction,
  scope: TemplateScope,
  incidentId: string,
  mitigationId: string,
  run: number,
): OpsRequest {
  const body =
    action.body === undefined
      ? undefined
      : Object.fromEntries(
          Object.entries(action.body).map(([key, value]) => [
            key,
            typeof value === 'string' ? renderTemplate(value, scope) : value,
          ]),
        );
  return {
    method: action.method,
    path: renderTemplate(action.path, scope, { encode: encodeURIComponent }),
    body,
    timeoutMs: action.timeout,
    idempotencyKey: `vigie:${incidentId}:${mitigationId}:${run}`,
  };
}
