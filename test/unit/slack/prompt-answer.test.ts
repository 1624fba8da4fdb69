import path from 'node:path';
import type { RespondArguments, RespondFn } from '@slack/bolt';
import { encodeActionValue } from '../../../src/slack/action-value';
import { answerPromptClick } from '../../../src/slack/listeners/prompt-answer';
import { loadRunbooks } from '../../../src/runbooks/loader';
import { RunbookRegistry } from '../../../src/runbooks/registry';
import type { RefusalDeps } from '../../../src/slack/listeners/listener-deps';

/** A click on a prompt's button, with a fake ack and respond that record what the listener did. */
function click(value: string | undefined) {
  const calls: string[] = [];
  const answers: RespondArguments[] = [];
  const respond: RespondFn = async (message) => {
    calls.push('respond');
    if (typeof message !== 'string') answers.push(message);
    return Promise.resolve(new Response(null, { status: 200 }));
  };
  const args = {
    ack: async () => {
      calls.push('ack');
      return Promise.resolve();
    },
    body: { user: { id: 'U-SRE' } },
    action: { value },
    respond,
  };
  return { args, calls, answers };
}

describe('answerPromptClick (a button on a command prompt)', () => {
  let deps: RefusalDeps;
  beforeAll(async () => {
    const set = await loadRunbooks(path.join(__dirname, '../../../runbooks'));
    deps = { registry: new RunbookRegistry(set), locale: 'fr' };
  });

  it('acks first, acts on the decoded target and replaces the prompt with the outcome', async () => {
    const { args, calls, answers } = click(encodeActionValue({ v: 1, i: 'INC-7', g: 2, s: 'rollback' }));
    const acted: unknown[] = [];
    await answerPromptClick(deps, args, async (target, step, user) => {
      acted.push({ target, step, user });
      return Promise.resolve({ text: 'Mitigation lancée', blocks: [] });
    });
    expect(calls).toEqual(['ack', 'respond']);
    expect(acted).toEqual([
      { target: { incidentId: 'INC-7', generation: 2 }, step: 'rollback', user: 'U-SRE' },
    ]);
    expect(answers).toEqual([
      { response_type: 'ephemeral', replace_original: true, text: 'Mitigation lancée', blocks: [] },
    ]);
  });

  it.each([
    ['a tampered value', '{"i":"INC-7"'],
    ['a value without its step', encodeActionValue({ v: 1, i: 'INC-7', g: 2 })],
    ['no value', undefined],
  ])('refuses %s in the prompt’s place, in French, and does nothing', async (_name, value) => {
    const { args, calls, answers } = click(value);
    let acted = false;
    await answerPromptClick(deps, args, async () => {
      acted = true;
      return Promise.resolve({ text: '', blocks: [] });
    });
    expect(acted).toBe(false);
    expect(calls).toEqual(['ack', 'respond']);
    expect(answers[0]?.replace_original).toBe(true);
    expect(answers[0]?.text).toBe(
      "Ce bouton n'est pas valide (valeur altérée ou d'une ancienne version). Rien n'a été modifié.",
    );
  });
});
