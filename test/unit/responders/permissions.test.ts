import { Permissions } from '../../../src/responders/permissions';
import type { Contacts } from '../../../src/runbooks/schema';
import { FakeClock } from '../../support/builders';

const contacts: Contacts = {
  roles: {
    lead: { name: 'Tech Lead', slack: { usergroup: 'SLEAD', users: [] } },
    dpo: { name: 'DPO', slack: { users: ['UDPO'] } },
  },
};

describe('Permissions', () => {
  it('allows listed users and user group members, and caches group membership', async () => {
    let calls = 0;
    const clock = new FakeClock();
    const permissions = new Permissions(
      contacts,
      { usergroupMembers: () => Promise.resolve((calls++, ['ULEAD'])) },
      clock,
      60_000,
    );
    expect(await permissions.mayAct('UDPO', ['dpo'])).toEqual({ allowed: true, role: 'dpo' });
    expect(await permissions.mayAct('ULEAD', ['dpo', 'lead'])).toEqual({ allowed: true, role: 'lead' });
    expect(await permissions.mayAct('UOTHER', ['lead'])).toEqual({ allowed: false, reason: 'not_in_roles' });
    expect(calls).toBe(1);
    clock.advance(60_001);
    await permissions.mayAct('UOTHER', ['lead']);
    expect(calls).toBe(2);
  });

  it('denies, saying why, when the directory cannot be reached', async () => {
    const permissions = new Permissions(
      contacts,
      { usergroupMembers: () => Promise.reject(new Error('down')) },
      new FakeClock(),
    );
    expect(await permissions.mayAct('ULEAD', ['lead'])).toEqual({
      allowed: false,
      reason: 'directory_unavailable',
    });
    expect(await permissions.mayAct('UDPO', ['lead', 'dpo'])).toEqual({ allowed: true, role: 'dpo' });
  });
});
