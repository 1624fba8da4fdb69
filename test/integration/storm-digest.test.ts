import type { Harness } from '../support/harness';
import { blockText, fixture, responseTo, startHarness, USERS } from '../support/harness';
import { runbooksWith } from '../support/runbooks';
import { until } from '../support/waiting';

/** api.5xx of `count` services: one incident each (the runbook groups by service). */
function servicesFiring(count: number, status: 'firing' | 'resolved' = 'firing', from = 0): string {
  const body = JSON.parse(fixture('api-5xx-firing-two-routes')) as {
    status: string;
    alerts: Array<{ status: string; labels: Record<string, string>; fingerprint: string }>;
  };
  const [first] = body.alerts;
  if (first === undefined) throw new Error('fixture without alerts');
  body.status = status;
  body.alerts = Array.from({ length: count }, (_, i) => ({
    ...first,
    status,
    fingerprint: `fp-storm-${from + i}`,
    labels: { ...first.labels, service: `svc-${from + i}` },
  }));
  return JSON.stringify(body);
}

const isDigest = (m: { text: string }) => m.text.startsWith("Tempête d'alertes");

describe('a mass storm stays within Slack’s budget: one digest instead of a card per incident', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('posts the runbook’s cards per minute, lists the rest on one digest, and opens a listed incident’s card on request', async () => {
    // Runbook data, not a mechanism: this runbook allows 2 new cards a minute in its channel.
    const dir = await runbooksWith({
      'api.5xx.yml': [["  slack: ['#sre-alerts']", "  slack: ['#sre-alerts']\n  cards_per_minute: 2"]],
    });
    h = await startHarness({ runbooksDir: dir });
    expect((await h.postAlerts(servicesFiring(12))).status).toBe(200);

    const digest = await h.emulator.waitFor(
      () => h.emulator.messagesIn('sre-alerts').find((m) => isDigest(m) && m.text.includes('10 incidents')),
      15_000,
      'the digest listing 10 incidents',
    );
    const incidents = await h.store.incidents.listOpen();
    expect(incidents).toHaveLength(12);
    // Every incident is accounted for: a card of its own, or a line on the digest.
    await until(async () => {
      const refs = (await Promise.all(incidents.map((i) => h.store.cards.list(i.id)))).flat();
      return refs.length === 12 && refs.filter((r) => r.ts !== '').length === 2;
    }, 'two cards posted and ten incidents placed on the digest');
    const cards = h.emulator.messagesIn('sre-alerts').filter((m) => m.threadTs === undefined && !isDigest(m));
    expect(cards).toHaveLength(2);
    const listed = incidents.filter((i) => !cards.some((c) => c.text.includes(`(${i.id})`)));
    expect(listed).toHaveLength(10);
    // Each line says which service it is (all ten share the runbook's title, given once in the header).
    const section = (digest?.blocks ?? []).find((b) => (b as { type: string }).type === 'section');
    const lines = ((section as { text?: { text: string } } | undefined)?.text?.text ?? '').split('\n');
    for (const incident of listed) {
      const line = lines.find((l) => l.includes(`*${incident.id}*`)) ?? '';
      expect(line).toContain(`\`service=${incident.groupLabels.service}\``);
      expect(line).not.toContain(incident.policy.title);
    }
    expect(h.emulator.messagesIn('sre-alerts').filter(isDigest)).toHaveLength(1);

    // A responder opens one listed incident's card from the digest's menu.
    const picked = listed[0]?.id ?? '';
    const sent = await h.emulator.chooseOption(digest, 'incident.digest.open', picked, USERS.sre);
    expect(sent.status).toBe(200);
    const card = await h.emulator.waitFor(
      () => h.emulator.messagesIn('sre-alerts').find((m) => !isDigest(m) && m.text.includes(`(${picked})`)),
      15_000,
      `the card of ${picked}`,
    );
    expect(blockText(card)).toContain('incident.ack');
    const updated = await h.emulator.waitFor(
      () =>
        h.emulator
          .messagesIn('sre-alerts')
          .find(
            (m) => isDigest(m) && m.text.includes('9 incidents') && !blockText(m).includes(`*${picked}*`),
          ),
      15_000,
      'the digest without the opened incident',
    );
    expect(updated.ts).toBe(digest.ts);
    expect((await h.store.audit.list(picked)).map((e) => [e.actor, e.action, e.outcome])).toContainEqual([
      USERS.sre,
      'card.open_from_digest',
      'card_requested',
    ]);

    // A listed incident that resolves shows resolved on the digest (the digest is kept up to date).
    const resolving = listed[1]?.id ?? '';
    const index = Number(incidents.find((i) => i.id === resolving)?.key.match(/svc-(\d+)/)?.[1]);
    expect((await h.postAlerts(servicesFiring(1, 'resolved', index))).status).toBe(200);
    await h.emulator.waitFor(
      () =>
        h.emulator
          .messagesIn('sre-alerts')
          .find((m) => m.ts === digest.ts && blockText(m).includes(`✅ Résolu · *${resolving}*`)),
      15_000,
      `${resolving} resolved on the digest`,
    );
    // No thread under the digest, and still only the cards asked for.
    expect(h.emulator.state.messages.filter((m) => m.threadTs === digest.ts)).toHaveLength(0);
    expect(h.emulator.messagesIn('sre-alerts').filter((m) => m.threadTs === undefined)).toHaveLength(4);
  }, 60_000);

  it('/incident liste finds one service’s incident among the storm’s, each named by its service', async () => {
    h = await startHarness({ store: 'redis' });
    expect((await h.postAlerts(servicesFiring(12))).status).toBe(200);
    await until(async () => (await h.store.incidents.listOpen()).length === 12, 'twelve incidents open');
    const list = async (words: string) => {
      const sent = await h.emulator.sendSlashCommand('/incident', {
        text: `liste ${words}`,
        userId: USERS.sre,
      });
      expect(sent.status).toBe(200);
      return String((await responseTo(h, sent.responseId)).body.text);
    };
    const one = await list('SVC-7');
    expect(one).toContain('*1 incident ouvert pour « SVC-7 »*');
    expect(one).toContain('`service=svc-7`');
    expect(one.match(/`INC-\d+`/g)).toHaveLength(1);
    const all = await list('');
    expect(all).toContain('*12 incidents ouverts*');
    for (let n = 0; n < 12; n += 1) expect(all).toContain(`\`service=svc-${n}\``);
    expect(await list('svc-99')).toContain('Aucun incident ouvert ne correspond à « svc-99 »');
  });

  it('the digest of alerts no runbook matches says so, and gives each incident its own title', async () => {
    h = await startHarness({ store: 'redis' });
    const body = JSON.parse(fixture('api-5xx-firing-two-routes')) as {
      alerts: Array<Record<string, unknown>>;
    };
    const [first] = body.alerts;
    body.alerts = Array.from({ length: 12 }, (_, i) => ({
      ...first,
      fingerprint: `fp-unmapped-${i}`,
      labels: { alertname: `DiskFull${i}`, instance: `host-${i}` },
      annotations: { summary: `Disque plein sur host-${i}` },
    }));
    expect((await h.postAlerts(JSON.stringify(body))).status).toBe(200);
    const digest = await h.emulator.waitFor(
      () => h.emulator.messagesIn('sre-alerts').find(isDigest),
      15_000,
      'the digest of unmapped alerts',
    );
    const header = (digest.blocks[0] as { text: { text: string } }).text.text;
    expect(header).toBe("🌩️ Tempête d'alertes — alertes sans runbook");
    const section = digest.blocks.find((b) => (b as { type: string }).type === 'section') as {
      text: { text: string };
    };
    const lines = section.text.text.split('\n').filter((l) => l.includes('*INC-'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/\*INC-\d+\* · .+ · Disque plein sur host-\d+ · /);
    // Every alert resolves: the digest says the storm is over.
    const resolved = {
      ...body,
      status: 'resolved',
      alerts: body.alerts.map((a) => ({ ...a, status: 'resolved', endsAt: new Date().toISOString() })),
    };
    expect((await h.postAlerts(JSON.stringify(resolved))).status).toBe(200);
    await h.emulator.waitFor(
      () =>
        h.emulator
          .messagesIn('sre-alerts')
          .find((m) => m.ts === digest.ts && blockText(m).includes('✅ Tempête terminée')),
      15_000,
      'the digest saying the storm is over',
    );
  });

  it('refuses a menu value that is not an incident, and says so privately', async () => {
    h = await startHarness({ store: 'memory' });
    const message = {
      blocks: [
        {
          type: 'actions',
          elements: [
            {
              type: 'static_select',
              action_id: 'incident.digest.open',
              options: [{ text: { type: 'plain_text', text: 'x' }, value: 'DROP TABLE' }],
            },
          ],
        },
      ],
    };
    const sent = await h.emulator.chooseOption(message, 'incident.digest.open', 'DROP TABLE', USERS.sre);
    expect(sent.status).toBe(200);
    const reply = await responseTo(h, sent.responseId);
    expect(JSON.stringify(reply.body)).not.toContain('DROP TABLE');
    expect(typeof reply.body.text).toBe('string');
  });
});
