import path from 'node:path';
import type { PlainTextOption } from '@slack/types';
import { loadRunbooks } from '../../../src/runbooks/loader';
import { declareModal, resolveModal } from '../../../src/slack/blocks/modals';
import { alert, group, openWith } from '../../support/builders';

const ROOT = path.join(__dirname, '../../..');

interface InputBlock {
  type: string;
  block_id?: string;
  optional?: boolean;
  label?: { text: string };
  element?: { options?: PlainTextOption[]; initial_option?: PlainTextOption };
}

const inputs = (blocks: unknown[]) => (blocks as InputBlock[]).filter((b) => b.type === 'input');

describe('resolve modal', () => {
  const incident = openWith(group([alert('fp1')]), 'INC-7', Date.parse('2026-11-27T00:43:30Z'));

  it('asks cause, summary and impact (required), then the impact window (optional, said so)', () => {
    const fields = inputs(resolveModal(incident, 'fr').blocks);
    expect(fields.map((b) => [b.block_id, b.optional === true])).toEqual([
      ['cause', false],
      ['summary', false],
      ['impact', false],
      ['impact_start', true],
      ['impact_end', true],
    ]);
    for (const b of fields.filter((f) => f.optional === true)) expect(b.label?.text).toMatch(/— optionnel$/);
  });
});

describe('declare modal', () => {
  it('names severities as the card does, in the reader’s language, SEV2 first chosen', async () => {
    const { runbooks } = await loadRunbooks(path.join(ROOT, 'runbooks'));
    for (const [locale, warning] of [
      ['fr', '🟡 Warning'],
      ['en', '🟡 Warning'],
    ] as const) {
      const severity = inputs(declareModal(runbooks, locale).blocks).find((b) => b.block_id === 'severity');
      expect(severity?.element?.options?.map((o) => [o.value, o.text.text])).toEqual([
        ['SEV1', '🔴 SEV1'],
        ['SEV2', '🟠 SEV2'],
        ['warning', warning],
      ]);
      expect(severity?.element?.initial_option?.value).toBe('SEV2');
    }
    const runbook = inputs(declareModal(runbooks, 'fr').blocks).find((b) => b.block_id === 'runbook');
    expect(runbook?.element?.options?.map((o) => o.value)).toEqual(runbooks.map((r) => r.id));
  });
});
