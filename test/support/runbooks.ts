import { cp, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadRunbooks, RunbookValidationError } from '../../src/runbooks/loader';

/**
 * The seed's deadlines counted from the incident's start (`when: { after: …, from: start }`) count
 * from the opening, in a copy for the fixtures: their alerts began on 27 November, so from their start
 * those steps would be days past due and fire at every opening. Tests of that anchor keep it.
 */
export function deadlinesFromOpening(yaml: string): string {
  return yaml.replace(/(when: \{ after: [^,}]+), from: start \}/g, '$1 }');
}

/**
 * A copy of the seed runbooks with text replaced (e.g. deadlines of seconds), for tests; deadlines
 * from the incident's start count from the opening unless `startAnchors` (see deadlinesFromOpening).
 */
export async function runbooksWith(
  edits: Record<string, Array<[string, string]>>,
  options: { startAnchors?: boolean } = {},
): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vigie-runbooks-'));
  await cp(path.join(__dirname, '../../runbooks'), dir, { recursive: true });
  for (const [file, replacements] of Object.entries(edits)) {
    let text = await readFile(path.join(dir, file), 'utf8');
    for (const [from, to] of replacements) {
      if (!text.includes(from)) throw new Error(`runbooksWith: "${from}" not found in ${file}`);
      text = text.replace(from, to);
    }
    await writeFile(path.join(dir, file), text);
  }
  if (options.startAnchors !== true)
    for (const file of (await readdir(dir)).filter((f) => f.endsWith('.yml'))) {
      const text = await readFile(path.join(dir, file), 'utf8');
      await writeFile(path.join(dir, file), deadlinesFromOpening(text));
    }
  return dir;
}

/** The seed runbooks with their deadlines shortened to seconds. */
export const SHORT_DEADLINES: Record<string, Array<[string, string]>> = {
  'api.5xx.yml': [
    ['when: { after: 15m }', 'when: { after: 2s }'],
    ['when: { after: 4h, from: start }', 'when: { after: 1h, from: start }'],
  ],
  'calendar.queue.yml': [
    ['when: { after: 30m }', 'when: { after: 2s }'],
    ['when: { after: 1h }', 'when: { after: 3s }'],
  ],
  'audit.job.failure.yml': [['when: { after: 24h, from: start }', 'when: { after: 2s, from: start }']],
};

/** What loading a folder of runbooks refuses, as its error says it; fails if the folder loads. */
export async function problemsOf(dir: string): Promise<string> {
  try {
    await loadRunbooks(dir);
  } catch (error) {
    if (error instanceof RunbookValidationError) return error.message;
    throw error;
  }
  throw new Error('expected the runbooks to be invalid');
}
