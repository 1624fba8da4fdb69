import { POSTMORTEM_QUEUE } from '../../src/postmortem/postmortem-work';
import type { Harness } from '../support/harness';
import { until } from '../support/waiting';
import {
  api5xxFiringFor,
  cardIn,
  fixture,
  responseTo,
  startHarness,
  threadOf,
  USERS,
  threeRoutesFiring,
} from '../support/harness';

describe('post-mortem draft', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('is shared as a file in the card’s thread on resolution, and given by /incident postmortem', async () => {
    await h.postAlerts(fixture('api-5xx-firing-two-routes'));
    const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    await h.emulator.clickButton(card, 'incident.triage:grafana-api-core', USERS.sre);
    await h.emulator.sendSlashCommand('/incident', { text: 'resoudre', userId: USERS.techLead });
    const modal = await h.emulator.waitFor(
      () => h.emulator.state.views.find((v) => v.method === 'views.open'),
      5000,
      'modal',
    );
    await h.emulator.submitView(
      modal,
      {
        cause: 'Pool SQL épuisé après le déploiement 4.2',
        summary: 'Rollback',
        impact: '5xx sur planning et notifications',
      },
      USERS.techLead,
    );

    const shared = await h.emulator.waitFor(
      () => threadOf(h, card).find((m) => (m.files ?? []).length > 0),
      8000,
      'the draft in the thread',
    );
    const file = shared.files?.[0];
    expect(file?.title).toBe('Post-mortem INC-1 (brouillon)');
    // Not an empty message: the file comes with a line saying what it is (the thread's notification).
    expect(shared.text).toContain('Brouillon du post-mortem de INC-1');
    expect(file?.content).toContain('# Post-mortem — INC-1 : Hausse des erreurs HTTP 5xx sur l');
    expect(file?.content).toContain('## Impact et SLO consommé');
    expect(file?.content).toContain('Budget d’erreur du mois');
    expect(file?.content).toContain(
      `- [x] Ouvrir Grafana tableau « API Core » (latence & erreurs). — Sandbox ${USERS.sre}`,
    );
    // People by their Slack names (users.info): a file cannot render a mention.
    expect(file?.content).toContain(`par Sandbox ${USERS.techLead}`);
    expect(file?.content).not.toMatch(new RegExp(`(?<!Sandbox )${USERS.techLead}`));
    expect(file?.content).toContain('Pool SQL épuisé après le déploiement 4.2');
    expect(file?.content).toContain('section RESULTATS');
    // Witness that the publishing work is over (nothing due nor claimed), then: one file, not two.
    const publishing = h.store.queue(POSTMORTEM_QUEUE);
    await until(async () => {
      const { due, leased } = await publishing.counts();
      return due === 0 && leased === 0;
    }, 'the post-mortem work to finish');
    expect(threadOf(h, card).filter((m) => (m.files ?? []).length > 0)).toHaveLength(1);

    const sent = await h.emulator.sendSlashCommand('/incident', {
      text: 'postmortem INC-1',
      userId: USERS.sre,
    });
    const reply = JSON.stringify((await responseTo(h, sent.responseId)).body);
    expect(reply).toContain('Post-mortem — INC-1');
    expect(reply).toContain('## Chronologie');
  });

  it('asked for by command when long, comes whole, over several replies Slack accepts, in order', async () => {
    // Another service: an incident of its own (INC-2) beside the one resolved above.
    await h.postAlerts(api5xxFiringFor('checkout'));
    await h.emulator.waitFor(
      () => h.emulator.state.messages.some((m) => m.text.includes('INC-2')),
      5000,
      'INC-2 card',
    );
    // Eight notes of nearly 2,000 characters: a draft of some 17,000, more than one message holds.
    const notes = Array.from({ length: 8 }, (_, i) => `note ${i} <${'é'.repeat(1_900)}> & fin ${i}`);
    for (const note of notes) {
      const sent = await h.emulator.sendSlashCommand('/incident', {
        text: `note INC-2 ${note}`,
        userId: USERS.sre,
      });
      expect(JSON.stringify((await responseTo(h, sent.responseId)).body)).toContain('Note ajoutée à INC-2');
    }
    const sent = await h.emulator.sendSlashCommand('/incident', {
      text: 'postmortem INC-2',
      userId: USERS.sre,
    });
    const first = await responseTo(h, sent.responseId);
    const count = Number(/\((\d+)\/(\d+)\)$/.exec(String(first.body.text))?.[2]);
    expect(count).toBeGreaterThan(1);
    const replies = await h.emulator.waitFor(
      () => {
        const all = h.emulator.state.responses.filter((r) => r.id === sent.responseId);
        return all.length === count ? all : undefined;
      },
      5000,
      'every reply of the draft',
    );
    expect(replies.map((r) => String(r.body.text))).toEqual(
      Array.from({ length: count }, (_, i) => `Post-mortem INC-2 (${i + 1}/${count})`),
    );
    const text = replies
      .flatMap((r) => (r.body.blocks as Array<{ text: { text: string } }>).map((b) => b.text.text))
      .join('\n');
    const escaped = (note: string) => note.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const missing = notes.filter((note) => !text.includes(`Note : ${escaped(note)}`));
    expect(missing.map((note) => note.slice(0, 8))).toEqual([]);
  });
});

describe('post-incident follow-up', () => {
  it('shows the duties on the card when a post-mortem is owed, and nudges the thread until they are ticked', async () => {
    const h = await startHarness();
    try {
      await h.postAlerts(threeRoutesFiring());
      const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
      await h.emulator.waitFor(() => card.text.startsWith('[SEV1]'), 5000, 'SEV1');
      await h.emulator.sendSlashCommand('/incident', { text: 'resoudre INC-1', userId: USERS.sre });
      const modal = await h.emulator.waitFor(
        () => h.emulator.state.views.find((v) => v.method === 'views.open'),
        5000,
        'modal',
      );
      await h.emulator.submitView(modal, { cause: 'c', summary: 's', impact: 'i' }, USERS.sre);
      await h.emulator.waitFor(
        () => JSON.stringify(card.blocks).includes('Suivi post-incident'),
        5000,
        'follow-up on the card',
      );

      await h.emulator.clickButton(card, 'incident.followup:postmortem', USERS.sre);
      await h.emulator.waitFor(
        () => JSON.stringify(card.blocks).includes(`fait par <@${USERS.sre}>`),
        5000,
        'ticked',
      );
      expect(await h.vigie.postmortems.remindFollowups(h.store.incidents, Date.now())).toBe(1);
      const nudge = await h.emulator.waitFor(
        () => threadOf(h, card).find((m) => m.text.includes('Suivi post-incident de INC-1 en attente')),
        3000,
        'nudge',
      );
      expect(nudge.text).toContain('section RESULTATS');
      expect(nudge.text).not.toContain('Compléter post-mortem');

      for (const item of ['roadmap-results', 'slo-budgets'])
        await h.emulator.clickButton(card, `incident.followup:${item}`, USERS.sre);
      await h.emulator.waitFor(
        () => (JSON.stringify(card.blocks).match(/fait par/g) ?? []).length === 3,
        5000,
        'all ticked',
      );
      expect(await h.vigie.postmortems.remindFollowups(h.store.incidents, Date.now())).toBe(0);
    } finally {
      await h.close();
    }
  });
});
