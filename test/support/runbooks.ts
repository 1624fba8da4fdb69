import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A copy of the seed runbooks with text replaced (e.g. deadlines of seconds), for tests. */
export async function runbooksWith(edits: Record<string, Array<[string, string]>>): Promise<string> {
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
  return dir;
}

/** The seed runbooks with their deadlines shortened to seconds. */
export const SHORT_DEADLINES: Record<string, Array<[string, string]>> = {
  'api.5xx.yml': [
    ['when: { after: 15m }', 'when: { after: 2s }'],
    ['when: { after: 4h }', 'when: { after: 1h }'],
  ],
  'calendar.queue.yml': [
    ['when: { after: 30m }', 'when: { after: 2s }'],
    ['when: { after: 1h }', 'when: { after: 3s }'],
  ],
  'audit.job.failure.yml': [['when: { after: 24h }', 'when: { after: 2s }']],
};
