import { LIMITS } from '../../../src/slack/blocks/limits';
import { renderPostmortemReplies, RESPONSE_URL_USES } from '../../../src/slack/blocks/postmortem-reply';

const sectionsOf = (reply: { blocks: unknown[] }) =>
  reply.blocks.map((b) => (b as { text: { text: string } }).text.text);

describe('the /incident postmortem replies', () => {
  it('a short draft is one reply of fenced, escaped Markdown', () => {
    const replies = renderPostmortemReplies('# Post-mortem\n- Note : <!here> & ```fin```', 'INC-4', 'fr');
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toBe('Post-mortem INC-4');
    expect(sectionsOf(replies[0] ?? { blocks: [] })).toEqual([
      '```# Post-mortem\n- Note : &lt;!here&gt; &amp; ˋˋˋfinˋˋˋ```',
    ]);
  });

  it('a long draft goes whole, line by line, over several replies each within Slack’s limits', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `- Note ${i} : ${'"é'.repeat(500)}`);
    const replies = renderPostmortemReplies(lines.join('\n'), 'INC-4', 'fr');
    expect(replies.length).toBeGreaterThan(1);
    expect(replies.length).toBeLessThanOrEqual(RESPONSE_URL_USES);
    expect(replies[0]?.text).toBe(`Post-mortem INC-4 (1/${replies.length})`);
    for (const reply of replies) {
      expect(JSON.stringify(reply.blocks).length).toBeLessThanOrEqual(LIMITS.messageBlocksJson);
      for (const text of sectionsOf(reply)) {
        expect(text.length).toBeLessThanOrEqual(LIMITS.sectionText);
        expect(text).toMatch(/^```[\s\S]*```$/);
      }
    }
    const shown = replies
      .flatMap(sectionsOf)
      .map((t) => t.slice(3, -3))
      .join('\n')
      .split('\n');
    expect(shown).toEqual(lines);
  });

  it('past what five replies hold, the last one says how many lines are left and where the draft is', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `- ${i} ${'x'.repeat(1_000)}`);
    const replies = renderPostmortemReplies(lines.join('\n'), 'INC-4', 'fr');
    expect(replies).toHaveLength(RESPONSE_URL_USES);
    const last = sectionsOf(replies.at(-1) ?? { blocks: [] }).at(-1) ?? '';
    const shown = replies
      .flatMap(sectionsOf)
      .filter((t) => t.startsWith('```'))
      .join('\n');
    const left = 200 - (shown.match(/^(```)?- \d+ /gm) ?? []).length;
    expect(left).toBeGreaterThan(0);
    expect(last).toBe(
      `… et ${left} lignes de plus : le brouillon entier est partagé en fichier dans le fil de la carte à la résolution.`,
    );
  });

  it('cuts a line longer than a section into pieces rather than dropping it', () => {
    const replies = renderPostmortemReplies(`début\n${'y'.repeat(7_000)}\nfin`, 'INC-4', 'en');
    const text = replies
      .flatMap(sectionsOf)
      .map((t) => t.slice(3, -3))
      .join('');
    expect(text.match(/y/g)).toHaveLength(7_000);
    expect(text).toContain('fin');
  });
});
