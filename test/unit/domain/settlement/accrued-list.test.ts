import { describe, expect, it } from 'vitest';

import { splitAccruedList } from '../../../../src/domain/settlement/accrued-list';

describe('splitAccruedList', () => {
  it('splits entries only at a comma that starts `<slug>:`, so thousands separators survive', () => {
    expect(splitAccruedList('acme:1,000.50,globex:200')).toEqual([
      { partner: 'acme', amount: '1,000.50' },
      { partner: 'globex', amount: '200' },
    ]);
    expect(splitAccruedList('acme: 1,000,000.5 , 42:7')).toEqual([
      { partner: 'acme', amount: '1,000,000.5' },
      { partner: '42', amount: '7' },
    ]);
    expect(splitAccruedList('Acme:5')).toEqual([{ partner: 'acme', amount: '5' }]);
  });

  it('refuses entries without a partner or amount, and a partner named twice', () => {
    expect(splitAccruedList('acme')).toHaveProperty('error');
    expect(splitAccruedList('acme:')).toHaveProperty('error');
    expect(splitAccruedList(':5')).toHaveProperty('error');
    const twice = splitAccruedList('acme:5,acme:6');
    expect('error' in twice && twice.error).toMatch(/twice/);
  });
});
