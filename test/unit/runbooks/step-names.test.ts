import path from 'node:path';
import { messages } from '../../../src/i18n';
import { loadRunbooks } from '../../../src/runbooks/loader';
import { runbookPolicy } from '../../../src/runbooks/incident-policy';
import { readPolicy } from '../../../src/store/incident-document';
import { problemsOf, runbooksWith } from '../../support/runbooks';

const RUNBOOKS = path.join(__dirname, '../../../runbooks');

describe("an escalation step's short name", () => {
  it('is frozen with the policy where the runbook gives one, and read back from the store', async () => {
    const set = await loadRunbooks(RUNBOOKS);
    const api = set.runbooks.find((r) => r.id === 'api.5xx');
    if (api === undefined) throw new Error('api.5xx missing from the seed');
    const frozen = runbookPolicy(api, set.slo, undefined, messages('fr').policy);
    const techLead = frozen.escalation.find((s) => s.id === 'tech-lead');
    expect(techLead?.name).toBe('Tech Lead + On-call Backend');
    expect(techLead?.description).toBe('Si > 15 min sans résolution, contacter Tech Lead + On-call Backend.');
    // A step without one has no name at all (its delivery lines use its description's first clause).
    expect(frozen.escalation.find((s) => s.id === 'sev1')).not.toHaveProperty('name');

    const stored = readPolicy(JSON.stringify(frozen), 'policy api.5xx');
    expect(stored.escalation.find((s) => s.id === 'tech-lead')?.name).toBe('Tech Lead + On-call Backend');
  });

  it('is a line of the card: a longer one is refused with its path and the limit', async () => {
    const long = await runbooksWith({
      'api.5xx.yml': [
        ['name: Tech Lead + On-call Backend', 'name: Tech Lead + On-call Backend, quinze minutes après'],
      ],
    });
    expect(await problemsOf(long)).toContain('api.5xx.yml: escalation[0].name: au plus 40 caractères');
    const empty = await runbooksWith({
      'calendar.queue.yml': [['name: Integrations + support client', "name: ' '"]],
    });
    expect(await problemsOf(empty)).toContain(
      'calendar.queue.yml: escalation[0].name: ne peut pas être vide',
    );
  });
});
