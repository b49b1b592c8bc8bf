import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ORDERS_KEPT, parseActivations } from '../../utils/banner/activation';

/**
 * parseActivations reads storage without zod, for the content script's size
 * budget. It must keep the stored activations and refusals exactly as the zod
 * schema it replaced did, and fall back field by field the same way: an
 * order seen unactivated must never be forgotten where zod kept it.
 */
const Reference = z
  .object({
    at: z.record(z.string().max(100), z.number()).catch({}),
    refused: z.array(z.string().max(400)).max(ORDERS_KEPT).catch([]),
  })
  .catch({ at: {}, refused: [] });
const reference = (v: unknown) => Reference.parse(v ?? {});

// Mostly valid values, with the edges where a hand check could differ.
const mostly = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<unknown>) =>
  fc.oneof({ arbitrary: valid, weight: 5 }, { arbitrary: invalid, weight: 1 });
const id = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('p'.repeat(100), 'p'.repeat(101), '__proto__', 'constructor', '0', '12'),
);
const time = mostly(
  fc.integer({ min: 0, max: 4e12 }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 1.5, '1', null, undefined),
);
const key = mostly(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('k'.repeat(400), 'k'.repeat(401), 1, null),
);
const at = mostly(
  fc.dictionary(id, time, { maxKeys: 4 }),
  fc.constantFrom(null, [], 'x', 1, [1, 2], new Date(0), Object.create(null)),
);
const refused = mostly(
  fc.oneof(
    fc.array(key, { maxLength: 5 }),
    fc.constantFrom(Array(ORDERS_KEPT).fill('k'), Array(ORDERS_KEPT + 1).fill('k')),
  ),
  // A sparse array, as a hand-written `every` would skip its hole.
  fc.constantFrom(null, {}, 'x', Object.assign(new Array<string>(2), { 1: 'hole' }), {
    0: 'k',
    length: 1,
  }),
);
const stored = fc.oneof(
  { arbitrary: fc.record({ at, refused }, { requiredKeys: [] }), weight: 8 },
  { arbitrary: fc.jsonValue(), weight: 2 },
  { arbitrary: fc.constantFrom(undefined, null, [], 'x', 0, true), weight: 1 },
);

describe('parseActivations without zod', () => {
  it('agrees with the zod schema it replaced on stored values', () => {
    fc.assert(
      fc.property(stored, (v) => {
        expect(parseActivations(v)).toEqual(reference(v));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees on JSON with own __proto__ keys, at the top and inside at', () => {
    for (const text of [
      '{"__proto__":{"at":{"a":1}},"refused":["k"]}',
      '{"at":{"__proto__":5,"a":1},"refused":[]}',
      '{"at":{"a":1,"__proto__":{"b":2}}}',
    ]) {
      const v: unknown = JSON.parse(text);
      expect(parseActivations(v), text).toEqual(reference(v));
    }
    expect(({} as Record<string, unknown>).a).toBeUndefined();
  });

  it('returns fresh objects, so editing the result never edits what was read', () => {
    const v = { at: { a: 1 }, refused: ['k'] };
    const a = parseActivations(v);
    expect(a.at).not.toBe(v.at);
    expect(a.refused).not.toBe(v.refused);
  });
});
