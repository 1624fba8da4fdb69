import type { RunbookSet } from '../runbooks/loader';
import { loadRunbooks, RunbookValidationError } from '../runbooks/loader';

/** Loads the runbooks for a CLI command; invalid runbooks print every problem and exit 1. */
export async function withRunbooks(
  dir: string,
  err: NodeJS.WritableStream,
  run: (set: RunbookSet) => number,
): Promise<number> {
  try {
    return run(await loadRunbooks(dir));
  } catch (error) {
    if (error instanceof RunbookValidationError) {
      err.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
