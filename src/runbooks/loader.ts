import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { contactsSchema, platformSchema, runbookSchema } from './schema';
import type { Contacts, Platform, Runbook } from './schema';
import { sloSchema } from './slo-schema';
import type { Slo } from './slo-schema';
import { crossCheck } from './cross-check';
import { runbookIssueWords } from './validation-words';

/** Files in the runbooks folder that are not runbooks. */
export const SPECIAL_FILES = { contacts: 'contacts.yml', slo: 'slo.yml', platform: 'platform.yml' } as const;

export interface RunbookSet {
  runbooks: Runbook[];
  contacts: Contacts;
  slo: Slo;
  platform: Platform;
}

/** One problem, located: the file, the path inside it, and what is wrong. */
export interface RunbookProblem {
  file: string;
  path: string;
  message: string;
}

export class RunbookValidationError extends Error {
  constructor(readonly problems: RunbookProblem[]) {
    super(
      `Runbooks invalides (${problems.length} problème${problems.length > 1 ? 's' : ''}) :\n` +
        problems.map(formatProblem).join('\n'),
    );
  }
}

export function formatProblem(p: RunbookProblem): string {
  return `  - ${p.file}${p.path === '' ? '' : `: ${p.path}`}: ${p.message}`;
}

function issuePath(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>((acc, segment) => {
    if (typeof segment === 'number') return `${acc}[${segment}]`;
    return acc === '' ? String(segment) : `${acc}.${String(segment)}`;
  }, '');
}

async function parseFile<S extends z.ZodType>(
  file: string,
  schema: S,
  problems: RunbookProblem[],
): Promise<z.output<S> | undefined> {
  const name = path.basename(file);
  let raw: unknown;
  try {
    raw = parseYaml(await readFile(file, 'utf8'));
  } catch (error) {
    const message =
      error instanceof YAMLParseError
        ? `syntaxe YAML : ${error.message.split('\n')[0] ?? ''}`
        : `illisible : ${(error as Error).message}`;
    problems.push({ file: name, path: '', message });
    return undefined;
  }
  const result = schema.safeParse(raw, { error: runbookIssueWords });
  if (!result.success) {
    for (const issue of result.error.issues) {
      problems.push({ file: name, path: issuePath(issue.path), message: issue.message });
    }
    return undefined;
  }
  return result.data;
}

/** Reads and validates a runbooks folder; throws RunbookValidationError listing every problem found. */
export async function loadRunbooks(dir: string): Promise<RunbookSet> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.yml') || n.endsWith('.yaml')).sort();
  } catch (error) {
    throw new RunbookValidationError([
      {
        file: dir,
        path: '',
        message: `dossier illisible (${(error as Error).message}) : vérifiez RUNBOOKS_DIR`,
      },
    ]);
  }
  const problems: RunbookProblem[] = [];
  const special = new Set<string>(Object.values(SPECIAL_FILES));
  for (const required of special) {
    if (!names.includes(required)) problems.push({ file: required, path: '', message: `absent de ${dir}` });
  }
  const read = <S extends z.ZodType>(name: string, schema: S) =>
    names.includes(name) ? parseFile(path.join(dir, name), schema, problems) : Promise.resolve(undefined);
  const [contacts, slo, platform] = await Promise.all([
    read(SPECIAL_FILES.contacts, contactsSchema),
    read(SPECIAL_FILES.slo, sloSchema),
    read(SPECIAL_FILES.platform, platformSchema),
  ]);
  const runbookFiles = names.filter((n) => !special.has(n));
  if (runbookFiles.length === 0)
    problems.push({ file: dir, path: '', message: 'aucun fichier de runbook (*.yml)' });
  const runbooks: Array<{ file: string; runbook: Runbook }> = [];
  for (const name of runbookFiles) {
    const runbook = await parseFile(path.join(dir, name), runbookSchema, problems);
    if (runbook !== undefined) runbooks.push({ file: name, runbook });
  }
  if (problems.length === 0 && contacts !== undefined && slo !== undefined && platform !== undefined) {
    problems.push(...crossCheck(runbooks, contacts, slo, platform));
  }
  if (problems.length > 0 || contacts === undefined || slo === undefined || platform === undefined) {
    throw new RunbookValidationError(problems);
  }
  return { runbooks: runbooks.map((r) => r.runbook), contacts, slo, platform };
}
