import { loadRunbooks, RunbookValidationError } from '../runbooks/loader';
import { prometheusRules } from '../runbooks/prometheus-rules';

export async function runbooksRules(
  dir: string,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  try {
    out.write(prometheusRules((await loadRunbooks(dir)).runbooks));
    return 0;
  } catch (error) {
    if (error instanceof RunbookValidationError) {
      err.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
