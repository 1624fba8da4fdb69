/**
 * A URL as it may be shown or logged: without the credentials some deployments put in it
 * (`https://user:pass@ops.example`). Anything that does not parse is shown as `<URL invalide>`.
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username === '' && parsed.password === '') return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, url.endsWith('/') ? '/' : '');
  } catch {
    return '<URL invalide>';
  }
}
