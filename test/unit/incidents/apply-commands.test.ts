import { applyCommands } from '../../../src/incidents/apply-commands';
import { transition } from '../../../src/incidents/transition';
import { alert, group, openWith } from '../../support/builders';

const now = Date.parse('2026-11-27T00:50:00Z');

describe('applyCommands', () => {
  it('applies each command to what the ones before it made, as successive saves would', () => {
    const opened = openWith(group([alert('a')]));
    const applied = applyCommands(
      opened,
      [
        { type: 'acknowledge', actor: 'U1' },
        // Sees the first command's change: refused as it would be after a save.
        { type: 'acknowledge', actor: 'U2' },
        { type: 'add_note', actor: 'U2', text: 'rollback en cours' },
      ],
      now,
    );

    expect(applied.effects).toEqual([
      'changed',
      { rejection: { code: 'already_acknowledged', by: 'U1', at: now } },
      'changed',
    ]);
    expect(applied.incident.status).toBe('acknowledged');
    expect(applied.incident.acknowledgedBy).toBe('U1');
    expect(applied.events.map((e) => e.type)).toEqual(['incident_acknowledged', 'note_added']);
    // The same incident as the commands one by one.
    const first = transition(opened, { type: 'acknowledge', actor: 'U1' }, now);
    if (first.outcome !== 'changed') throw new Error('expected a change');
    const second = transition(
      first.incident,
      { type: 'add_note', actor: 'U2', text: 'rollback en cours' },
      now,
    );
    if (second.outcome !== 'changed') throw new Error('expected a change');
    expect(applied.incident).toEqual(second.incident);
    // The incident read is left as it was (a lost save is retried on a fresh read).
    expect(opened.status).toBe('open');
  });

  it('gives back the incident read when no command changed it', () => {
    const opened = openWith(group([alert('a')]));
    const acknowledged = transition(opened, { type: 'acknowledge', actor: 'U1' }, now);
    if (acknowledged.outcome !== 'changed') throw new Error('expected a change');
    const read = acknowledged.incident;
    const applied = applyCommands(read, [{ type: 'acknowledge', actor: 'U2' }], now);

    expect(applied.incident).toBe(read);
    expect(applied.effects).toEqual([{ rejection: { code: 'already_acknowledged', by: 'U1', at: now } }]);
    expect(applied.events).toEqual([]);
    expect(applied.alerts).toEqual([]);
  });
});
