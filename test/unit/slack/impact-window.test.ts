import { impactWindow } from '../../../src/slack/listeners/views/impact-window';
import { windowProblemText } from '../../../src/slack/listeners/views/window-problem-text';

const NOW = Date.parse('2026-12-02T11:53:30Z');

describe('impactWindow (the resolve modal’s corrected impact window)', () => {
  it('reads both times as UTC, to the minute, and neither as no correction', () => {
    expect(impactWindow('2026-12-02 09:00', '2026-12-02T10:30', NOW)).toEqual({
      window: { start: Date.parse('2026-12-02T09:00:00Z'), end: Date.parse('2026-12-02T10:30:00Z') },
    });
    expect(impactWindow('', '', NOW)).toEqual({ window: undefined });
  });

  it('refuses a date that does not exist instead of moving it to another day', () => {
    for (const typed of ['2026-02-30 10:00', '2026-04-31 10:00', '2026-12-02 24:00', '2026-12-02 10:60'])
      expect(impactWindow(typed, '2026-12-02 10:30', NOW)).toEqual({
        problems: [{ field: 'impact_start', code: 'format', typed }],
      });
  });

  it('says every problem at once, each on its own field', () => {
    expect(impactWindow('hier', '', NOW)).toEqual({
      problems: [
        { field: 'impact_start', code: 'format', typed: 'hier' },
        { field: 'impact_end', code: 'missing' },
      ],
    });
    expect(impactWindow('', '2026-12-02 10:30', NOW)).toEqual({
      problems: [{ field: 'impact_start', code: 'missing' }],
    });
  });

  it('wants the end after the start', () => {
    expect(impactWindow('2026-12-02 10:30', '2026-12-02 09:00', NOW)).toEqual({
      problems: [{ field: 'impact_end', code: 'not_after_start', start: '2026-12-02 10:30' }],
    });
    expect(impactWindow('2026-12-02 10:30', '2026-12-02 10:30', NOW)).toMatchObject({
      problems: [{ code: 'not_after_start' }],
    });
  });

  it('refuses the future (a local time typed as UTC), the minute under way excepted', () => {
    expect(impactWindow('2026-12-02 11:00', '2026-12-02 11:53', NOW)).toMatchObject({ window: {} });
    expect(impactWindow('2026-12-02 11:00', '2026-12-02 12:40', NOW)).toEqual({
      problems: [{ field: 'impact_end', code: 'future' }],
    });
    expect(impactWindow('2026-12-02 12:10', '2026-12-02 12:40', NOW)).toEqual({
      problems: [
        { field: 'impact_start', code: 'future' },
        { field: 'impact_end', code: 'future' },
      ],
    });
  });
});

describe('windowProblemText', () => {
  it('quotes what was typed and gives the current UTC time as the example (French)', () => {
    const text = windowProblemText({ field: 'impact_start', code: 'format', typed: 'hier' }, 'fr', NOW);
    expect(text).toBe(
      "« hier » n'est pas une date et heure valides : AAAA-MM-JJ HH:MM, en UTC (par ex. 2026-12-02 11:53, l'heure UTC actuelle).",
    );
    expect(windowProblemText({ field: 'impact_end', code: 'future' }, 'fr', NOW)).toBe(
      "C'est dans le futur : il est 2026-12-02 11:53 UTC (les heures sont en UTC, pas en heure locale).",
    );
    expect(windowProblemText({ field: 'impact_end', code: 'missing' }, 'fr', NOW)).toBe(
      'Il manque la fin : les deux heures, ou aucune.',
    );
    expect(
      windowProblemText(
        { field: 'impact_end', code: 'not_after_start', start: '2026-12-02 10:30' },
        'fr',
        NOW,
      ),
    ).toBe('La fin doit être après le début (2026-12-02 10:30).');
  });

  it('cuts a long typed value short, and speaks English when asked', () => {
    const typed = 'x'.repeat(300);
    const text = windowProblemText({ field: 'impact_start', code: 'format', typed }, 'fr', NOW);
    expect(text).toContain(`« ${'x'.repeat(40)}… »`);
    expect(windowProblemText({ field: 'impact_start', code: 'missing' }, 'en', NOW)).toBe(
      'The start is missing: give both times, or neither.',
    );
  });
});
