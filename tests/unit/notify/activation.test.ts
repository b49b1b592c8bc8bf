import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activationExpiresAt, activationValid } from '../../../utils/time/activation';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 23, 10, 0);

describe('per-visit activation', () => {
  it('holds for its time, and not a millisecond longer', () => {
    expect(activationValid(T0, 2 * HOUR, T0)).toBe(true);
    expect(activationValid(T0, 2 * HOUR, T0 + 2 * HOUR - 1)).toBe(true);
    expect(activationValid(T0, 2 * HOUR, T0 + 2 * HOUR)).toBe(false);
    expect(activationExpiresAt(T0, 2 * HOUR)).toBe(T0 + 2 * HOUR);
  });

  it('never activated, a zero or broken lifetime: not active', () => {
    expect(activationValid(undefined, HOUR, T0)).toBe(false);
    expect(activationValid(null, HOUR, T0)).toBe(false);
    expect(activationValid(T0, 0, T0)).toBe(false);
    expect(activationValid(T0, Number.NaN, T0)).toBe(false);
    expect(activationValid(Number.NaN, HOUR, T0)).toBe(false);
  });

  it('after the clock was set back (activation "in the future"), the shopper is asked again', () => {
    expect(activationValid(T0, 2 * HOUR, T0 - 1)).toBe(false);
  });

  it('valid exactly while 0 ≤ age < ttl', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 42 }),
        fc.integer({ min: 1, max: 30 * 24 * HOUR }),
        fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
        (at, ttl, age) => activationValid(at, ttl, at + age) === (age >= 0 && age < ttl),
      ),
    );
  });
});
