/**
 * `{{ labels.path }}`-style templates for runbook links and ops requests. Deliberately tiny: dotted
 * paths only, no logic, so a runbook author cannot write code and the validator can list every variable.
 */
const PLACEHOLDER = /\{\{\s*([a-zA-Z_][\w]*(?:\.[\w-]+)*)\s*\}\}/g;

export type TemplateScope = Record<string, Record<string, string | undefined> | undefined>;

export function templateVariables(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
}

export interface RenderOptions {
  /** Applied to each substituted value, e.g. encodeURIComponent for a URL query. */
  encode?: (value: string, namespace: string) => string;
}

export function renderTemplate(template: string, scope: TemplateScope, options: RenderOptions = {}): string {
  const encode = options.encode ?? ((value: string) => value);
  return template.replace(PLACEHOLDER, (_whole, path: string) => {
    const [namespace = '', ...rest] = path.split('.');
    const value = scope[namespace]?.[rest.join('.')];
    return value === undefined ? '' : encode(value, namespace);
  });
}

/** Renders a link: alert values are URL-encoded; base URLs (`urls.*`, from platform.yml) are trusted as-is. */
export function renderLink(template: string, scope: TemplateScope): string {
  return renderTemplate(template, scope, {
    encode: (value, namespace) => (namespace === 'urls' ? value : encodeURIComponent(value)),
  });
}
