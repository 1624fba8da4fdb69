import { loadRunbooks, RunbookValidationError } from '../runbooks/loader';

export async function runbooksValidate(
  dir: string,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  try {
    const set = await loadRunbooks(dir);
    const roles = Object.keys(set.contacts.roles).length;
    out.write(
      `${dir}: ${set.runbooks.length} runbooks valid (${set.runbooks.map((r) => r.id).join(', ')}); ${roles} roles; SLO and platform files valid.\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof RunbookValidationError) {
      err.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
