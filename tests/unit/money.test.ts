import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyExponent, formatMoney, moneyFrom, parseAmount, toMinor } from '../../utils/money';

const ok = (minor: number, currency: string) => ({ ok: true, money: { minor, currency } });

describe('parseAmount', () => {
  it.each([
    ['1.234,56 €', 123456, 'EUR'],
    ['$1,234.56', 123456, 'USD'],
    ["CHF 1'234.50", 123450, 'CHF'],
    ['1’234.50 Fr.', 123450, 'CHF'],
    ['1 234,56 €', 123456, 'EUR'],
    ['1\u202f234,56\u00a0€', 123456, 'EUR'],
    ['1\u00a0234,56 €', 123456, 'EUR'],
    ['EUR 12.00', 1200, 'EUR'],
    ['Summe: 99,90 EUR', 9990, 'EUR'],
    ['12,- €', 1200, 'EUR'],
    ['€ 0,99', 99, 'EUR'],
    ['£7.5', 750, 'GBP'],
    ['¥1,200', 1200, 'JPY'],
    ['US$ 5.99', 599, 'USD'],
    ['49,99 zł', 4999, 'PLN'],
    ['1.234 KWD', 1234, 'KWD'],
    ['1.234 €', 123400, 'EUR'],
    ['Gesamtsumme (inkl. 19 % MwSt.): 59,90 €', 5990, 'EUR'],
    ['0,00 €', 0, 'EUR'],
  ])('%s', (text, minor, currency) => {
    expect(parseAmount(text)).toEqual(ok(minor, currency));
  });

  it('uses hints for missing or ambiguous currencies and for 1.234', () => {
    expect(parseAmount('12.00', { currency: 'EUR' })).toEqual(ok(1200, 'EUR'));
    expect(parseAmount('199 kr', { currency: 'SEK' })).toEqual(ok(19900, 'SEK'));
    expect(parseAmount('$12', { currency: 'CAD' })).toEqual(ok(1200, 'CAD'));
    expect(parseAmount('¥12', { currency: 'CNY' })).toEqual(ok(1200, 'CNY'));
    expect(parseAmount('1.234', { currency: 'EUR', locale: 'de' })).toEqual(ok(123400, 'EUR'));
    expect(parseAmount('1,234', { currency: 'EUR', locale: 'de' }).ok).toBe(false);
    expect(parseAmount('1,234', { currency: 'USD', locale: 'en' })).toEqual(ok(123400, 'USD'));
  });

  it.each([
    ['12.00', 'no currency'],
    ['-12,00 €', 'negative'],
    ['€-5', 'negative'],
    ['NaN €', 'NaN'],
    ['1.000.000,01 €', 'absurd'],
    ['12,34 € / 15,00 $', 'several currencies'],
    ['199 kr', 'ambiguous'],
    ['', 'empty'],
    ['€', 'no number'],
    ['3 × 12,00 € 4 × 9,00 €', 'several numbers'],
  ])('refuses %j (%s)', (text, why) => {
    const r = parseAmount(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(why);
  });
});

describe('toMinor / moneyFrom', () => {
  it('shifts digit strings instead of multiplying floats', () => {
    expect(toMinor(0.1 + 0.2, 'EUR')).toBe(30);
    expect(toMinor(12.5, 'EUR')).toBe(1250);
    expect(toMinor('12.50', 'EUR')).toBe(1250);
    expect(toMinor(19.99, 'EUR')).toBe(1999);
    expect(toMinor(1234, 'JPY')).toBe(1234);
    expect(toMinor('1.2345', 'KWD')).toBe(1235);
    expect(toMinor(1e-7, 'EUR')).toBe(0);
    expect(toMinor(1.5e3, 'EUR')).toBe(150000);
    expect(toMinor(Number.NaN, 'EUR')).toBeNull();
    expect(toMinor('abc', 'EUR')).toBeNull();
  });
  it('validates JSON amounts', () => {
    expect(moneyFrom('12.50', 'eur')).toEqual(ok(1250, 'EUR'));
    expect(moneyFrom(12, '€')).toEqual(ok(1200, 'EUR'));
    expect(moneyFrom('12,50', 'EUR')).toEqual(ok(1250, 'EUR'));
    expect(moneyFrom(-1, 'EUR').ok).toBe(false);
    expect(moneyFrom(Number.POSITIVE_INFINITY, 'EUR').ok).toBe(false);
    expect(moneyFrom(5, 'XYZ').ok).toBe(false);
    expect(moneyFrom(5, undefined).ok).toBe(false);
    expect(moneyFrom(2_000_000, 'EUR').ok).toBe(false);
    expect(moneyFrom({}, 'EUR').ok).toBe(false);
  });
  it('knows exponents', () => {
    expect(currencyExponent('EUR')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('KWD')).toBe(3);
    expect(currencyExponent('CLF')).toBe(4);
    expect(formatMoney({ minor: 5, currency: 'EUR' })).toBe('0.05 EUR');
  });
});

describe('parseAmount properties', () => {
  const group = (int: string, sep: string) => int.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  it('round-trips amounts printed in German, English, Swiss and French styles', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 99_999_999 }),
        fc.integer({ min: 0, max: 3 }),
        (minor, style) => {
          const int = String(Math.floor(minor / 100));
          const cents = String(minor % 100).padStart(2, '0');
          const text = [
            `${group(int, '.')},${cents}\u00a0€`,
            `$${group(int, ',')}.${cents}`,
            `CHF ${group(int, '’')}.${cents}`,
            `${group(int, '\u202f')},${cents} €`,
          ][style]!;
          const currency = ['EUR', 'USD', 'CHF', 'EUR'][style]!;
          expect(parseAmount(text)).toEqual({ ok: true, money: { minor, currency } });
        },
      ),
      { numRuns: 400 },
    );
  });
  it('never throws and never yields a negative, unsafe or absurd amount', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.stringMatching(/^[-$€£ 0-9.,'’CHFEUR\u202f]{0,20}$/)),
        (s) => {
          const r = parseAmount(s, { currency: 'EUR' });
          if (r.ok) {
            expect(Number.isSafeInteger(r.money.minor)).toBe(true);
            expect(r.money.minor).toBeGreaterThanOrEqual(0);
            expect(r.money.minor).toBeLessThanOrEqual(100_000_000 * 1000);
          } else expect(r.reason).toBeTruthy();
        },
      ),
      { numRuns: 1000 },
    );
  });
});
