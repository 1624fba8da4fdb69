import type { Mitigation } from '../../runbooks/schema';
import type { TemplateScope } from '../../runbooks/template';
import { renderTemplate, templateVariables } from '../../runbooks/template';

type HttpAction = Extract<Mitigation['action'], { type: 'http' }>;

/** Exactly what a mitigation sends to the ops API (what a dry run shows). */
export interface OpsRequest {
  method: HttpAction['method'];
  path: string;
  body: Record<string, string | number | boolean> | undefined;
  timeoutMs: number;
  /**
   * Same key for a double click or a Slack retry of one run; a deliberate retry is a new run, a new
   * key, except after an unknown outcome (the ops API may have acted), when it reuses the run's key.
   */
  idempotencyKey: string;
}

/** A path variable may not be empty, `.` or `..`: a dot segment would move the request to another route. */
const SAFE_SEGMENT = (value: string): boolean => value !== '' && value !== '.' && value !== '..';

/** The values a path template takes from the incident, with their names. */
function pathVariables(path: string, scope: TemplateScope): Array<[string, string]> {
  return templateVariables(path).map((name) => {
    const [namespace = '', ...rest] = name.split('.');
    return [name, scope[namespace]?.[rest.join('.')] ?? ''];
  });
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
  keyRun: number,
): OpsRequest | { refused: { variable: string; value: string } } {
  // A path variable that is empty, "." or ".." would name another resource: the request is not sent.
  const unsafe = pathVariables(action.path, scope).find(([, value]) => !SAFE_SEGMENT(value));
  if (unsafe !== undefined) return { refused: { variable: unsafe[0], value: unsafe[1] } };
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
    idempotencyKey: `vigie:${incidentId}:${mitigationId}:${keyRun}`,
  };
}
