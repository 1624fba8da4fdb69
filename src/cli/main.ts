import { incidentsExport } from './incidents-export';
import { runbooksDocs } from './runbooks-docs';
import { runbooksRules } from './runbooks-rules';
import { runbooksValidate } from './runbooks-validate';

const USAGE = `Usage: vigie <command>

Commands:
  runbooks validate [dir]   Check the runbooks folder (default ./runbooks); exits 1 if anything is wrong.
  runbooks rules [dir]      Print the Prometheus alerting rules generated from the runbooks' triggers.
  runbooks docs [dir]       Print the human-readable runbook (Markdown, French) generated from the YAML.
  incidents export <id>     Print an incident (state, timeline, audit log) as JSON from Redis (REDIS_URL),
                            for the compliance file before its retention expires.
`;

/** The `vigie` command line. Returns the process exit code. */
export async function runCli(
  argv: string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  const [group, command, ...rest] = argv;
  if (group === 'runbooks' && command === 'validate')
    return runbooksValidate(rest[0] ?? './runbooks', out, err);
  if (group === 'runbooks' && command === 'rules') return runbooksRules(rest[0] ?? './runbooks', out, err);
  if (group === 'runbooks' && command === 'docs') return runbooksDocs(rest[0] ?? './runbooks', out, err);
  if (group === 'incidents' && command === 'export') return incidentsExport(rest[0], out, err);
  err.write(USAGE);
  // Asked for help: 0. No command, or one it does not know: 2 (a script calling it gets an error).
  return group === 'help' || group === '--help' ? 0 : 2;
}

if (require.main === module) {
  runCli(process.argv.slice(2), process.stdout, process.stderr).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`vigie: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
