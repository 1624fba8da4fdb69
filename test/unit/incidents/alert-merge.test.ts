import { receivedRecord } from '../../../src/incidents/alert-merge';
import type { AlertRecord } from '../../../src/incidents/types';
import { alert } from '../../support/builders';

describe('receivedRecord', () => {
  it('keeps every field of the alert and stamps when Vigie received it', () => {
    const incoming: AlertRecord = { ...alert('a', { endsAt: '2026-11-27T01:00:00Z' }), receivedAt: 1 };
    const record = receivedRecord(incoming, 42);
    expect(record).toEqual({ ...incoming, receivedAt: 42 });
    // Stored as JSON: the same text as the record it replaces would have been.
    expect(Object.keys(record)).toEqual(Object.keys(incoming));
    expect(incoming.receivedAt).toBe(1);
  });
});
