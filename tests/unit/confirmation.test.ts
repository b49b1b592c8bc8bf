import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayKey } from '../../utils/ledger/activity';
import { expectedConfirmation, nextArrival } from '../../utils/partners';

const DAY = 86_400_000;
const NOW = new Date(2026, 11, 1, 12, 0).getTime();
const days: Record<string, number> = { 'demo-shop': 14, 'travel-hub': 60 };
const daysOf = (id: string) => days[id];

describe('expected confirmation', () => {
  it('is the claim date plus the partner window', () => {
    expect(expectedConfirmation(NOW, 14)).toBe(NOW + 14 * DAY);
  });

  it('the next arrival is the earliest upcoming one, with every point due that day', () => {
    const next = nextArrival(
      [
        { partnerId: 'travel-hub', createdAt: NOW - DAY, points: 500 },
        { partnerId: 'demo-shop', createdAt: NOW - 3 * DAY, points: 20 },
        // Same day as the one above, a few hours later.
        { partnerId: 'demo-shop', createdAt: NOW - 3 * DAY + 3_600_000, points: 15 },
        { partnerId: 'demo-shop', createdAt: NOW, points: 7 },
      ],
      daysOf,
      dayKey,
      NOW,
    );
    expect(next).toEqual({ at: NOW + 11 * DAY, points: 35 });
  });

  it('skips overdue claims and partners the catalogue no longer lists', () => {
    expect(
      nextArrival(
        [
          { partnerId: 'demo-shop', createdAt: NOW - 20 * DAY, points: 9 },
          { partnerId: 'gone', createdAt: NOW, points: 9 },
          { partnerId: null, createdAt: NOW, points: 9 },
        ],
        daysOf,
        dayKey,
        NOW,
      ),
    ).toBeUndefined();
  });

  it('never picks a date before now, and never one later than another upcoming claim', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            partnerId: fc.constantFrom('demo-shop', 'travel-hub', 'gone'),
            createdAt: fc.integer({ min: NOW - 90 * DAY, max: NOW }),
            points: fc.integer({ min: 1, max: 10_000 }),
          }),
          { maxLength: 30 },
        ),
        (claims) => {
          const next = nextArrival(claims, daysOf, dayKey, NOW);
          const upcoming = claims
            .filter((c) => days[c.partnerId] !== undefined)
            .map((c) => ({ ...c, at: expectedConfirmation(c.createdAt, days[c.partnerId]!) }))
            .filter((c) => c.at >= NOW);
          if (upcoming.length === 0) return next === undefined;
          if (!next) return false;
          const sameDay = upcoming.filter((c) => dayKey(c.at) === dayKey(next.at));
          return (
            next.at >= NOW &&
            upcoming.every((c) => c.at >= next.at) &&
            next.points === sameDay.reduce((s, c) => s + c.points, 0)
          );
        },
      ),
    );
  });
});
