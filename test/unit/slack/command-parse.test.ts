import {
  normalizeIncidentId,
  parseIncidentCommand,
} from '../../../src/slack/listeners/commands/incident-command-parse';
import { decodeActionValue, encodeActionValue } from '../../../src/slack/action-value';

describe('parseIncidentCommand', () => {
  it.each([
    ['', { name: 'help' }],
    ['aide', { name: 'help' }],
    ['liste', { name: 'list', query: '' }],
    ['LIST', { name: 'list', query: '' }],
    ['liste  checkout   5xx ', { name: 'list', query: 'checkout 5xx' }],
    ['statut 12', { name: 'status', id: 'INC-12' }],
    ['prendre INC-3', { name: 'ack', id: 'INC-3' }],
    ['ack', { name: 'ack', id: undefined }],
    ['rollback inc-4', { name: 'rollback', id: 'INC-4' }],
    ['mitiger flush-cache 7', { name: 'mitigate', action: 'flush-cache', id: 'INC-7' }],
    ['mitiger inc-7', { name: 'mitigate', action: undefined, id: 'INC-7' }],
    ['mitiger', { name: 'mitigate', action: undefined, id: undefined }],
    ['note le rollback prend 10 min', { name: 'note', text: 'le rollback prend 10 min', id: undefined }],
    ['note on attend la 4.3 INC-9', { name: 'note', text: 'on attend la 4.3', id: 'INC-9' }],
    ['note INC-2 rollback lancé', { name: 'note', text: 'rollback lancé', id: 'INC-2' }],
    ['note 3 serveurs relancés', { name: 'note', text: '3 serveurs relancés', id: undefined }],
    ['résoudre', { name: 'resolve', id: undefined }],
    ['escalader 2', { name: 'escalate', id: 'INC-2' }],
    ['déclarer api.5xx Panne totale', { name: 'declare', runbook: 'api.5xx', summary: 'Panne totale' }],
    ['declare', { name: 'declare', runbook: undefined, summary: '' }],
    ['frobnicate 12', { name: 'help', unknown: 'frobnicate' }],
  ])('%p', (input, expected) => expect(parseIncidentCommand(input)).toEqual(expected));

  it('normalizes incident ids', () => {
    expect(normalizeIncidentId('42')).toBe('INC-42');
    expect(normalizeIncidentId('inc-42')).toBe('INC-42');
    expect(normalizeIncidentId('INC-x')).toBeUndefined();
    expect(normalizeIncidentId('INC-012')).toBe('INC-12');
    expect(normalizeIncidentId('#7')).toBe('INC-7');
    expect(normalizeIncidentId('#general')).toBeUndefined();
  });
});

describe('action value codec', () => {
  it('round-trips and refuses anything else', () => {
    const value = { v: 1 as const, i: 'INC-3', g: 2, s: 'rollback' };
    expect(decodeActionValue(encodeActionValue(value))).toEqual(value);
    for (const bad of [
      undefined,
      '',
      'nope',
      '{"v":2,"i":"INC-3","g":2}',
      '{"v":1,"i":"3","g":2}',
      '{"v":1,"i":"INC-3","g":0}',
      '{"v":1,"i":"INC-3","g":1,"x":1}',
    ]) {
      expect(decodeActionValue(bad)).toBeNull();
    }
  });
});
