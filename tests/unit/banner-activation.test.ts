import { describe, expect, it } from 'vitest';
import {
  type Activations,
  activeUntil,
  HOUR_MS,
  ORDERS_KEPT,
  orderAllowed,
  parseActivations,
  withActivation,
  withRefused,
} from '../../utils/banner/activation';
import { BADGE_MAX, badgeText } from '../../utils/banner/badge';

/**
 * Per-visit activation at partners that need it, and the toolbar badge.
 * What must never happen: an order credited that was placed unactivated, an
 * activation that holds longer than the partner's hours, or a badge that
 * shows another rate than the partner's.
 */

const NOW = Date.parse('2026-11-23T12:00:00.000Z');
const partner = { id: 'act-shop', activationHours: 24 };
const KEY = 'act-shop\u0000PP-1';
const none: Activations = { at: {}, refused: [] };
const at = (ms: number, over: Partial<Activations> = {}): Activations => ({
  at: { [partner.id]: ms },
  refused: [],
  ...over,
});

describe('activeUntil', () => {
  it('holds for activationHours from the activation', () => {
    expect(activeUntil(at(NOW), partner, NOW)).toBe(NOW + 24 * HOUR_MS);
    expect(activeUntil(at(NOW), { ...partner, activationHours: 1 }, NOW)).toBe(NOW + HOUR_MS);
    expect(activeUntil(at(NOW), { ...partner, activationHours: 720 }, NOW + 700 * HOUR_MS)).toBe(
      NOW + 720 * HOUR_MS,
    );
  });

  it('runs out exactly at the boundary', () => {
    expect(activeUntil(at(NOW), partner, NOW + 24 * HOUR_MS - 1)).toBe(NOW + 24 * HOUR_MS);
    expect(activeUntil(at(NOW), partner, NOW + 24 * HOUR_MS)).toBeNull();
    expect(activeUntil(at(NOW), partner, NOW + 48 * HOUR_MS)).toBeNull();
  });

  it('is not active without an activation, or for another partner', () => {
    expect(activeUntil(none, partner, NOW)).toBeNull();
    expect(activeUntil(at(NOW), { ...partner, id: 'other-shop' }, NOW)).toBeNull();
  });

  it('does not count an activation in the future (the clock was set back)', () => {
    expect(activeUntil(at(NOW + 1), partner, NOW)).toBeNull();
    expect(activeUntil(at(NOW + 100 * HOUR_MS), partner, NOW)).toBeNull();
  });

  it('is not active for unusable times or hours', () => {
    for (const t of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      expect(activeUntil(at(t), partner, NOW), String(t)).toBeNull();
      expect(activeUntil(at(NOW), partner, t), String(t)).toBeNull();
    }
    expect(activeUntil(at(NOW), { ...partner, activationHours: 0 }, NOW)).toBeNull();
    expect(activeUntil(at(NOW), { ...partner, activationHours: -1 }, NOW)).toBeNull();
  });
});

describe('orderAllowed', () => {
  it('allows an order while active, and not before or after', () => {
    expect(orderAllowed(at(NOW), partner, KEY, NOW + HOUR_MS)).toBe(true);
    expect(orderAllowed(none, partner, KEY, NOW)).toBe(false);
    expect(orderAllowed(at(NOW), partner, KEY, NOW + 24 * HOUR_MS)).toBe(false);
  });

  it('refuses an order that was seen unactivated, even when active now', () => {
    const a = withActivation(withRefused(none, KEY), partner.id, NOW);
    expect(activeUntil(a, partner, NOW)).not.toBeNull();
    expect(orderAllowed(a, partner, KEY, NOW)).toBe(false);
    expect(orderAllowed(a, partner, 'act-shop\u0000PP-2', NOW)).toBe(true);
  });
});

describe('withActivation and withRefused', () => {
  it('withActivation sets this partner only, and renews it', () => {
    const a = withActivation(at(NOW - HOUR_MS, { at: { other: 5 } }), partner.id, NOW);
    expect(a.at).toEqual({ other: 5, [partner.id]: NOW });
    expect(activeUntil(a, partner, NOW + 23 * HOUR_MS)).toBe(NOW + 24 * HOUR_MS);
  });

  it('withRefused is idempotent and does not change its input', () => {
    const once = withRefused(none, KEY);
    expect(once.refused).toEqual([KEY]);
    expect(none.refused).toEqual([]);
    expect(withRefused(once, KEY)).toEqual(once);
  });

  it(`keeps at most ORDERS_KEPT (${ORDERS_KEPT}) orders, dropping the oldest`, () => {
    const full: Activations = {
      at: {},
      refused: Array.from({ length: ORDERS_KEPT }, (_, i) => `act-shop\u0000O-${i}`),
    };
    const next = withRefused(full, KEY);
    expect(next.refused).toHaveLength(ORDERS_KEPT);
    expect(next.refused[0]).toBe('act-shop\u0000O-1');
    expect(next.refused.at(-1)).toBe(KEY);
    // Still within the schema: reading it back keeps every refused order.
    expect(parseActivations(structuredClone(next))).toEqual(next);
  });
});

describe('parseActivations', () => {
  it('reads what was stored', () => {
    const stored = { at: { [partner.id]: NOW }, refused: [KEY] };
    expect(parseActivations(stored)).toEqual(stored);
  });

  it('takes nothing-activated from garbage, never throwing', () => {
    for (const v of [undefined, null, '', 'x', 0, true, [], [1], { at: 'x', refused: 'y' }]) {
      expect(parseActivations(v), JSON.stringify(v)).toEqual(none);
    }
    expect(parseActivations({ at: { [partner.id]: 'yesterday' } })).toEqual(none);
    expect(parseActivations({ at: { [partner.id]: Number.NaN } })).toEqual(none);
    expect(parseActivations({ at: { ['p'.repeat(101)]: NOW } })).toEqual(none);
    expect(parseActivations({ refused: ['x'.repeat(401)] })).toEqual(none);
    expect(parseActivations({ refused: Array(ORDERS_KEPT + 1).fill('k') })).toEqual(none);
  });

  it('keeps the good field when the other is broken', () => {
    expect(parseActivations({ at: { [partner.id]: NOW }, refused: 'x' })).toEqual(at(NOW));
    expect(parseActivations({ at: null, refused: [KEY] })).toEqual({ at: {}, refused: [KEY] });
  });

  it('survives __proto__ and U+0000 from storage without polluting anything', () => {
    const a = parseActivations(
      JSON.parse('{"__proto__":{"at":{"act-shop":1}},"refused":["\\u0000"]}'),
    );
    expect(activeUntil(a, partner, NOW)).toBeNull();
    expect(({} as Record<string, unknown>).at).toBeUndefined();
  });
});

describe('badgeText', () => {
  const en = new Intl.NumberFormat('en').format;
  const de = new Intl.NumberFormat('de').format;

  it('shows the rate per unit when it fits', () => {
    expect(badgeText(2, '€', en)).toBe('2/€');
    expect(badgeText(10, '€', en)).toBe('10/€');
    expect(badgeText(2, '$', en)).toBe('2/$');
  });

  it('shows the number alone when rate and symbol do not fit', () => {
    expect(badgeText(0.5, '€', en)).toBe('0.5');
    expect(badgeText(0.5, '€', de)).toBe('0,5');
    expect(badgeText(2, 'CHF', de)).toBe('2');
    expect(badgeText(1.25, '€', en)).toBe('1.25');
  });

  it("shows '!' when an activation is needed, never the rate", () => {
    expect(badgeText(2, '€', en, true)).toBe('!');
    expect(badgeText(1000, 'CHF', en, true)).toBe('!');
  });

  it(`is never longer than BADGE_MAX (${BADGE_MAX})`, () => {
    for (const r of [0.01, 0.5, 2, 12.5, 99, 100, 999, 1000, 123.456])
      for (const f of [en, de]) expect(badgeText(r, '€', f).length).toBeLessThanOrEqual(BADGE_MAX);
  });

  // The partner schema allows rates up to 1000 points per unit. The badge
  // must not show a different number than the rate: "1,000" cut to four
  // characters reads "1,00" (en) or "1.00" (de), i.e. one point per euro.
  it('does not turn a huge rate into a smaller number', () => {
    const asNumber = (s: string, group: string, decimal: string) =>
      Number(s.split(group).join('').replace(decimal, '.'));
    expect(asNumber(badgeText(1000, '€', en), ',', '.')).toBe(1000);
    expect(asNumber(badgeText(1000, '€', de), '.', ',')).toBe(1000);
  });
});
