import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const locales = readdirSync('public/_locales');
const load = (l: string) =>
  JSON.parse(readFileSync(`public/_locales/${l}/messages.json`, 'utf8')) as Record<
    string,
    { message: string; placeholders?: Record<string, unknown> }
  >;

describe('locales', () => {
  const en = load('en');
  it('has English and German', () => {
    expect(locales.sort()).toEqual(expect.arrayContaining(['de', 'en']));
  });
  for (const l of locales) {
    it(`${l} has every key of en with the same placeholders`, () => {
      const msgs = load(l);
      expect(Object.keys(msgs).sort()).toEqual(Object.keys(en).sort());
      for (const [k, v] of Object.entries(en)) {
        expect(Object.keys(msgs[k]!.placeholders ?? {}).sort(), k).toEqual(
          Object.keys(v.placeholders ?? {}).sort(),
        );
        expect(msgs[k]!.message.trim().length, k).toBeGreaterThan(0);
      }
    });
  }

  for (const l of locales) {
    it(`${l}: every placeholder is defined, used and bound to the same argument as in en`, () => {
      const msgs = load(l) as Record<
        string,
        { message: string; placeholders?: Record<string, { content: string }> }
      >;
      for (const [k, v] of Object.entries(msgs)) {
        const used = [...v.message.matchAll(/\$(\w+)\$/g)].map((m) => m[1]!.toLowerCase());
        const defined = Object.keys(v.placeholders ?? {});
        expect([...new Set(used)].sort(), `${l} ${k}: $NAME$ in the message`).toEqual(
          defined.sort(),
        );
        const enPh = (en[k]?.placeholders ?? {}) as Record<string, { content: string }>;
        for (const [name, ph] of Object.entries(v.placeholders ?? {})) {
          expect(ph.content, `${l} ${k}.${name}`).toBe(enPh[name]?.content);
        }
      }
    });
  }

  it('plural pairs (tPlural): every <base>One has a <base>Other with the same placeholders', () => {
    const ones = Object.keys(en).filter((k) => k.endsWith('One'));
    expect(ones.length).toBeGreaterThan(0);
    for (const one of ones) {
      const other = `${one.slice(0, -3)}Other`;
      expect(en[other], other).toBeDefined();
      expect(Object.keys(en[other]!.placeholders ?? {}).sort(), other).toEqual(
        Object.keys(en[one]!.placeholders ?? {}).sort(),
      );
    }
  });
});
