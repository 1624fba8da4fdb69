import { prometheusRules } from '../runbooks/prometheus-rules';
import { withRunbooks } from './with-runbooks';

export function runbooksRules(
  dir: string,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  return withRunbooks(dir, err, (set) => {
    out.write(prometheusRules(set.runbooks));
    return 0;
  });
}
