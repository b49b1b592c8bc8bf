import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Claim } from '../../../utils/contract';
import { SIGNALS } from '../../../utils/contract/rules';
import { checkClaim } from '../../../utils/detect/check';

// Values near every limit of the contract, so the two checks are compared where they could differ.
// Mostly valid values (weight 6), so that both outcomes occur often.
const mostly = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: valid, weight: 6 }, { arbitrary: invalid, weight: 1 });
const money = fc.record({
  minor: mostly(
    fc.integer({ min: 0, max: 1e6 }),
    fc.constantFrom(-1, 1e11, 1e11 + 1, 1.5, Number.NaN),
  ),
  currency: mostly(fc.constantFrom('EUR', 'JPY', 'CHF'), fc.constantFrom('eur', 'EURO', '', 'E1R')),
});
const input = fc.record(
  {
    partnerId: mostly(
      fc.constantFrom('demo-shop', 'ab', 'x-1'),
      fc.constantFrom('a', '-x', 'Shop', ''),
    ),
    orderRef: mostly(
      fc.oneof(
        fc.string({ minLength: 1, maxLength: 140 }),
        fc.constantFrom('  PP-1  ', 'x'.repeat(128)),
      ),
      fc.constantFrom('', '   ', 'A\u0007B', 'x'.repeat(129)),
    ),
    total: money,
    tax: money,
    shipping: money,
    detectedAt: mostly(
      fc
        .date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true })
        .map((d) => d.toISOString()),
      fc.constantFrom('2026-11-23', 'yesterday', '2026-11-23T10:00:00+01:00'),
    ),
    signals: fc.array(mostly(fc.constantFrom(...SIGNALS), fc.constant('telepathy')), {
      maxLength: 11,
    }),
    conflicts: fc.array(
      mostly(fc.string({ maxLength: 300 }), fc.string({ minLength: 301, maxLength: 310 })),
      {
        maxLength: 11,
      },
    ),
  },
  { requiredKeys: ['partnerId', 'orderRef', 'total', 'detectedAt', 'signals', 'conflicts'] },
);

describe('checkClaim (zod-free, for the content script)', () => {
  it('accepts exactly what the contract schema accepts, with the same result', () => {
    let accepted = 0;
    let refused = 0;
    fc.assert(
      fc.property(input, (raw) => {
        const zod = Claim.safeParse(raw);
        const mine = checkClaim(raw);
        if (zod.success) accepted++;
        else refused++;
        expect(mine.ok, JSON.stringify(raw)).toBe(zod.success);
        if (mine.ok && zod.success) expect(mine.claim).toEqual(zod.data);
      }),
      { numRuns: 3000 },
    );
    // Both outcomes were really exercised.
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });
});
