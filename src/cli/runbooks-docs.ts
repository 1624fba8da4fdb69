import { runbookDocs } from '../runbooks/runbook-docs';
import { withRunbooks } from './with-runbooks';

export function runbooksDocs(
  dir: string,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  return withRunbooks(dir, err, (set) => {
    out.write(runbookDocs(set));
    return 0;
  });
}
