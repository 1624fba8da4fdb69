import { withRunbooks } from './with-runbooks';

export function runbooksValidate(
  dir: string,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  return withRunbooks(dir, err, (set) => {
    const roles = Object.keys(set.contacts.roles).length;
    const ids = set.runbooks.map((r) => r.id).join(', ');
    out.write(
      `${dir}: ${set.runbooks.length} runbooks valid (${ids}); ${roles} roles; SLO and platform files valid.\n`,
    );
    return 0;
  });
}
