import { OpsStandIn } from '../support/ops-standin';
import type { Harness } from '../support/harness';
import { blockText, cardIn, fixture, responseTo, startHarness, threadOf, USERS } from '../support/harness';

const text = (r: { body: unknown }) => JSON.stringify(r.body);

describe('/incident, typed in Slack', () => {
  const ops = new OpsStandIn();
  let h: Harness;
  const type = async (commandText: string, user: string = USERS.sre, channel = 'sre-alerts') => {
    const sent = await h.emulator.sendSlashCommand('/incident', { text: commandText, userId: user, channel });
    expect(sent.status).toBe(200);
    return sent;
  };
  const answer = async (commandText: string, user: string = USERS.sre, channel = 'sre-alerts') =>
    text(await responseTo(h, (await type(commandText, user, channel)).responseId));

  beforeEach(async () => {
    await ops.start();
    h = await startHarness({ ops: { baseUrl: ops.url } });
    await h.postAlerts(fixture('api-5xx-firing-two-routes'));
  });
  afterEach(async () => {
    await h.close();
    await ops.stop();
    ops.requests.length = 0;
  });

  it('ack without an id takes the channel’s only open incident; with two it asks which; with none it says so', async () => {
    expect(await answer('prendre')).toContain('INC-1 pris en charge');
    expect((await h.store.incidents.get('INC-1'))?.acknowledgedBy).toBe(USERS.sre);
    await h.postAlerts(fixture('api-latency-firing'));
    expect(await answer('status')).toContain('Plusieurs incidents ouverts ici (`INC-1`, `INC-2`)');
    expect(await answer('ack', USERS.sre, 'integrations')).toContain('Aucun incident ouvert dans ce canal');
  });

  it('a second ack names who acknowledged first; the audit log keeps the refusal', async () => {
    expect(await answer('prendre INC-1', USERS.sre)).toContain('INC-1 pris en charge');
    const second = await answer('ack INC-1', USERS.techLead);
    expect(second).toContain(`INC-1 est déjà pris en charge par <@${USERS.sre}>`);
    expect(second).not.toContain('changé entre-temps');
    expect((await h.store.incidents.get('INC-1'))?.acknowledgedBy).toBe(USERS.sre);
    expect(await h.store.audit.list('INC-1')).toEqual([
      expect.objectContaining({ actor: USERS.sre, action: 'acknowledge', outcome: 'changed' }),
      expect.objectContaining({
        actor: USERS.techLead,
        action: 'acknowledge',
        outcome: 'refused:already_acknowledged',
      }),
    ]);
  });

  it('status shows where an incident stands', async () => {
    const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    await h.emulator.clickButton(card, 'incident.triage:last-deploys', USERS.sre);
    await h.emulator.waitFor(() => blockText(card).includes('✅ 3.'), 5000, 'ticked');
    const reply = await answer('statut INC-1');
    expect(reply).toContain('Hausse des erreurs HTTP 5xx');
    expect(reply).toContain('Triage : 1/3');
  });

  it('note adds to the timeline, on the card and in the thread', async () => {
    const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    expect(await answer('note rollback du 4.2 en préparation')).toContain('Note ajoutée à INC-1');
    await h.emulator.waitFor(
      () => threadOf(h, card).some((m) => blockText(m).includes('rollback du 4.2 en préparation')),
      5000,
      'note in thread',
    );
    expect(blockText(card)).toContain('Note : rollback du 4.2 en préparation');
  });

  it('long notes piled up while Slack holds the channel all reach the thread, whole, over several replies', async () => {
    const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    // Slack holds the channel for 3 s: the notes pile up, more than one reply can hold.
    h.emulator.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 3 }, 1, '#sre-alerts');
    const notes = Array.from({ length: 8 }, (_, i) => `n${i} ${'é'.repeat(1_900)} fin${i}`);
    for (const note of notes) expect(await answer(`note ${note}`)).toContain('Note ajoutée à INC-1');
    await h.emulator.waitFor(
      () => notes.every((note) => threadOf(h, card).some((m) => blockText(m).includes(note))),
      15_000,
      'every note whole in the thread',
    );
    const replies = threadOf(h, card).filter((m) => notes.some((note) => blockText(m).includes(note)));
    expect(replies.length).toBeGreaterThan(1);
    expect(replies.map((m) => blockText(m)).join('')).not.toContain('de plus');
  });

  it('a note too long to be read whole is refused whole, with its length; one at the limit is kept', async () => {
    const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    expect(await answer(`note ${'a'.repeat(2_001)}`)).toContain(
      "La note fait 2001 caractères, 2000 au plus : rien n'a été ajouté. Découpez-la en plusieurs notes.",
    );
    const longest = `${'b'.repeat(1_999)}!`;
    expect(await answer(`note ${longest}`)).toContain('Note ajoutée à INC-1');
    await h.emulator.waitFor(
      () => threadOf(h, card).some((m) => blockText(m).includes(longest)),
      5000,
      'the whole note in the thread',
    );
    expect(blockText(card)).not.toContain('a'.repeat(50));
  });

  it('rollback asks for confirmation with the card’s own button, then runs through the same path', async () => {
    const prompt = await responseTo(h, (await type('rollback')).responseId);
    expect(text(prompt)).toContain('Rollback du déploiement ?');
    const blocks = (prompt.body as { blocks: unknown[] }).blocks;
    const channelId = h.emulator.state.channelByRef('#sre-alerts')?.id ?? '';
    const pressed = await h.emulator.clickButton(
      { blocks, channel: channelId },
      'incident.mitigate:rollback',
      USERS.techLead,
    );
    await h.emulator.waitFor(() => ops.requests.length === 1, 5000, 'ops call');
    // The prompt becomes the run started, where it was pressed (the outcome goes to the card).
    const started = await responseTo(h, pressed.responseId);
    expect(started.body).toMatchObject({ replace_original: true });
    expect(text(started)).toContain(
      "🛠️ Mitigation « Rollback dernier déploiement » lancée sur INC-1, exécution n° 1 : son résultat s'affiche sur la carte et dans son fil.",
    );
    expect(ops.requests[0]?.path).toBe('/ops/v1/services/backend-api/deployments/rollback');
    const stranger = await responseTo(h, (await type('rollback', USERS.stranger)).responseId);
    const click = await h.emulator.clickButton(
      { blocks: (stranger.body as { blocks: unknown[] }).blocks, channel: channelId },
      'incident.mitigate:rollback',
      USERS.stranger,
    );
    const refused = await responseTo(h, click.responseId);
    expect(refused.body).toMatchObject({ replace_original: true });
    expect(text(refused)).toContain("Vous n'êtes pas autorisé·e");
    expect(ops.requests).toHaveLength(1);
  });

  it('mitigate names the action; an unknown one lists what exists', async () => {
    expect(await answer('mitiger circuit-breaker INC-1')).toContain('Activer le circuit breaker ?');
    expect(await answer('mitigate reboot-everything INC-1')).toContain(
      'Disponibles : rollback, circuit-breaker, purge-failed-jobs',
    );
    // Without an action, the incident's mitigations are named, with how to launch one.
    expect(await answer('mitiger')).toContain(
      'Quelle mitigation ? Celles du runbook : rollback, circuit-breaker, purge-failed-jobs — `/incident mitiger &lt;action&gt; [id]`.',
    );
    // What a person typed is shown as text, never as a mention or a link.
    expect(await answer('mitiger <!here> INC-1')).toContain('Mitigation inconnue : &lt;!here&gt;.');
  });

  it('resolve opens a modal; submitting it resolves with cause, summary and customer impact on the card', async () => {
    const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    await type('résoudre');
    const modal = await h.emulator.waitFor(
      () => h.emulator.state.views.find((v) => v.method === 'views.open'),
      5000,
      'resolve modal',
    );
    expect(JSON.stringify(modal.view)).toContain('Résoudre INC-1');
    const submit = await h.emulator.submitView(
      modal,
      {
        cause: 'Déploiement 4.2 défectueux',
        summary: 'Rollback effectué',
        impact: 'Erreurs 5xx pendant 12 min',
      },
      USERS.techLead,
    );
    expect(submit.status).toBe(200);
    await h.emulator.waitFor(() => card.text.includes('✅ Résolu'), 5000, 'resolved card');
    expect(blockText(card)).toContain('*Cause* : Déploiement 4.2 défectueux');
    expect(blockText(card)).toContain('*Impact client* : Erreurs 5xx pendant 12 min');
    expect(await answer('resolve INC-1')).toContain('INC-1 est résolu');
  });

  it('escalate asks first, saying whom it will reach; its button posts to the escalation channel', async () => {
    const card = await cardIn(h, '#sre-alerts', 'HTTP 5xx');
    const prompt = await responseTo(h, (await type('escalader')).responseId);
    expect(text(prompt)).toContain('Escalader INC-1 maintenant ?');
    expect(text(prompt)).toContain('joindra Tech Lead, On-call Backend (PagerDuty, Slack)');
    // Nothing left before the button is pressed.
    expect(h.emulator.messagesIn('#sre-escalations')).toEqual([]);
    expect((await h.store.incidents.get('INC-1'))?.escalations.map((e) => e.stepId)).not.toContain(
      'tech-lead',
    );
    const { blocks } = prompt.body as { blocks: unknown[] };
    expect((await h.emulator.clickButton({ blocks }, 'incident.escalate:tech-lead', USERS.sre)).status).toBe(
      200,
    );
    const posted = await h.emulator.waitFor(
      () => h.emulator.messagesIn('#sre-escalations')[0],
      5000,
      'escalation message',
    );
    expect(posted.text).toContain('<!subteam^S0TECHLEAD1> <!subteam^S0ONCALLBE1>');
    expect(posted.text).toContain('Si &gt; 15 min sans résolution');
    await h.emulator.waitFor(
      () => threadOf(h, card).some((m) => blockText(m).includes('Escalade')),
      5000,
      'escalation in thread',
    );
    // The same prompt's button pressed again (by someone else): it says who fired it; nothing goes twice.
    const again = await h.emulator.clickButton({ blocks }, 'incident.escalate:tech-lead', USERS.techLead);
    expect(text(await responseTo(h, again.responseId))).toContain(
      `Cette escalade a déjà été déclenchée (par <@${USERS.sre}>`,
    );
    expect(h.emulator.messagesIn('#sre-escalations')).toHaveLength(1);
  });

  it('escalate once every step has fired says so, not that the runbook has none', async () => {
    const fired: string[] = [];
    for (let round = 0; round < 3; round += 1) {
      const prompt = await responseTo(h, (await type('escalader INC-1')).responseId);
      const { blocks } = prompt.body as { blocks: unknown[] };
      const actionId = /"action_id":"(incident\.escalate:[^"]+)"/.exec(JSON.stringify(blocks))?.[1];
      if (actionId === undefined) throw new Error(`no escalation button in ${JSON.stringify(blocks)}`);
      await h.emulator.clickButton({ blocks }, actionId, USERS.sre);
      fired.push(actionId);
      const stepId = actionId.split(':')[1] ?? '';
      for (const deadline = Date.now() + 5000; ;) {
        const steps = (await h.store.incidents.get('INC-1'))?.escalations.map((e) => e.stepId) ?? [];
        if (steps.includes(stepId)) break;
        if (Date.now() > deadline) throw new Error(`step ${stepId} not fired: ${steps.join(', ')}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    }
    expect(fired).toEqual(['incident.escalate:tech-lead', 'incident.escalate:sev1', 'incident.escalate:rto']);
    const reply = await answer('escalader INC-1');
    expect(reply).toContain('Toutes les escalades du runbook de INC-1 sont déjà parties');
    expect(reply).not.toContain('ne prévoit pas');
  });

  it('declare with arguments opens an incident on the runbook’s card; without, through a modal', async () => {
    expect(await answer('declarer calendar.queue Les clients Google ne voient plus leurs RDV')).toContain(
      'INC-2 déclaré',
    );
    const declared = await cardIn(h, '#integrations', 'Exports ICS');
    expect(blockText(declared)).toContain('Les clients Google ne voient plus leurs RDV');

    await type('declare');
    const modal = await h.emulator.waitFor(
      () => h.emulator.state.views.find((v) => v.method === 'views.open'),
      5000,
      'declare modal',
    );
    // Severities as the card names them, never the stored key.
    const options = JSON.stringify(modal.view);
    expect(options).toContain('"text":"🟡 Warning"');
    expect(options).not.toContain('"text":"warning"');
    // A summary of spaces passes Slack's check of a required field, not Vigie's.
    const blank = await h.emulator.submitView(
      modal,
      { runbook: 'audit.job.failure', severity: 'SEV1', summary: '   ' },
      USERS.sre,
    );
    expect(JSON.parse(blank.body)).toEqual({
      response_action: 'errors',
      errors: {
        summary: "À remplir : quelques mots sur ce qu'on observe (la carte et les pages le reprennent).",
      },
    });
    await h.emulator.submitView(
      modal,
      { runbook: 'audit.job.failure', severity: 'SEV1', summary: 'Archivage bloqué depuis 6 h' },
      USERS.sre,
    );
    const card = await cardIn(h, '#sre-alerts', 'rétention audit');
    expect(card.text).toContain('[SEV1]');
    expect(await answer('declare nope.runbook x')).toContain('Runbook inconnu : nope.runbook');
    expect(await answer(`declarer api.5xx ${'r'.repeat(2_001)}`)).toContain(
      "Le résumé fait 2001 caractères, 2000 au plus : rien n'a été déclaré.",
    );
    expect(await answer('liste')).not.toContain('r'.repeat(50));
  });

  it('unknown subcommands answer with help', async () => {
    expect(await answer('frobnicate')).toContain('`prendre [id]` (`ack`)');
    const bare = await answer('note');
    expect(bare).toContain('Il manque le texte de la note : `/incident note [id] &lt;texte&gt;`.');
    expect(bare).toContain('`prendre [id]` (`ack`)');
    expect(await answer('statut <!channel>')).toContain('Incident &lt;!channel&gt; introuvable.');
    expect(await answer('declarer <@U0X> panne')).toContain('Runbook inconnu : &lt;@U0X&gt;.');
  });
});
