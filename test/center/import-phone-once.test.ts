import { indexedPhone, RedFlagLedger } from '../../center/import/batch-red-flags';
import { makeCase } from '../../shared/domain/fixtures';

// The import parses a row's phones once, in the red-flag ledger, and stores the case under the number
// the ledger found first: it must be the very number `indexedPhone` gives (cases.holder_phone, which
// the shared-number look-ups of later imports search; docs/domain.md §7).
describe('the number a case is indexed under is the same whichever parse finds it (docs/domain.md §7)', () => {
  it('first well-formed number, normalised, or none', () => {
    const lists = [
      [],
      [''],
      ['  '],
      ['12345'],
      ['13912345678'],
      [' +86 139-1234-5678 '],
      ['12345', '010-87654321', '13912345678'],
      ['0755 1234567 转 88', '13912345678'],
      ['13912345678', '13912345678'],
      ['abc', '(020)87654321-12', '021-87654321'],
      ['8765432', '0086 13800000000'],
    ];
    const ledger = new RedFlagLedger(new Set<string>());
    lists.forEach((phones, i) => {
      const c = makeCase({ policyNo: `PH${i}`, policyholder: { phones } });
      const index = ledger.add(c, []);
      expect(ledger.indexedPhoneOf(index), JSON.stringify(phones)).toBe(indexedPhone(c));
    });
  });
});
