import { describe, expect, it } from 'vitest';
import { Partner } from '../../utils/contract';
import { partnerOrigins } from '../../utils/partners';
import { HINT_RULE_ID, type HintUrlFilter, hintRules } from '../../utils/partners/hint-rules';

const p = (id: string, domains: string[]) =>
  Partner.parse({ id, name: id, domains, earn: { pointsPerUnit: 1, currency: 'EUR' } });

const shop = p('shop', ['shop.example']);
const books = p('books', ['books.example.co.uk', 'buecher.example.de']);
const demo = p('demo', ['127.0.0.1']);
const partners = [shop, books, demo];

/** chrome.declarativeContent's UrlFilter on scheme and host, as Chrome applies it. */
const filterMatches = (f: HintUrlFilter, url: string) => {
  const u = new URL(url);
  if (!f.schemes.includes(u.protocol.slice(0, -1) as 'http' | 'https')) return false;
  if (f.hostEquals !== undefined && u.hostname !== f.hostEquals) return false;
  if (f.hostSuffix !== undefined && !u.hostname.endsWith(f.hostSuffix)) return false;
  return true;
};
const hinted = (rules: ReturnType<typeof hintRules>, url: string) =>
  rules.some((r) => r.conditions.some((c) => filterMatches(c, url)));

/** A match pattern ("https://*.shop.example/*") on scheme and host, as the browser grants it. */
const patternMatches = (pattern: string, url: string) => {
  const [, scheme, host] = /^(\w+):\/\/([^/]+)\//.exec(pattern)!;
  const u = new URL(url);
  if (u.protocol !== `${scheme}:`) return false;
  if (host!.startsWith('*.')) return u.hostname.endsWith(host!.slice(1));
  return u.hostname === host;
};

describe('hintRules', () => {
  it('hints at every site of the partners that are not enabled, in one rule', () => {
    const rules = hintRules(partners, new Set(['books']));
    expect(rules).toEqual([
      {
        id: HINT_RULE_ID,
        conditions: [
          { schemes: ['https'], hostEquals: 'shop.example' },
          { schemes: ['https'], hostSuffix: '.shop.example' },
          { schemes: ['http', 'https'], hostEquals: '127.0.0.1' },
        ],
      },
    ]);
  });

  it('covers a domain and its subdomains, not look-alikes', () => {
    const rules = hintRules([shop], new Set());
    expect(hinted(rules, 'https://shop.example/cart')).toBe(true);
    expect(hinted(rules, 'https://www.shop.example/')).toBe(true);
    expect(hinted(rules, 'https://a.b.shop.example:8443/x?y=1')).toBe(true);
    // The leading dot: "myshop.example" ends in "shop.example" but is someone else.
    expect(hinted(rules, 'https://myshop.example/')).toBe(false);
    expect(hinted(rules, 'https://shop.example.evil.test/')).toBe(false);
    // Domains are granted over https only, so plain http gets no hint either.
    expect(hinted(rules, 'http://shop.example/')).toBe(false);
  });

  it('takes an IP host (and a single-label one) as exactly that host, on any port, http or https', () => {
    const rules = hintRules([demo, p('intranet', ['localhost'])], new Set());
    expect(rules[0]?.conditions).toEqual([
      { schemes: ['http', 'https'], hostEquals: '127.0.0.1' },
      { schemes: ['http', 'https'], hostEquals: 'localhost' },
    ]);
    expect(hinted(rules, 'http://127.0.0.1:5173/order')).toBe(true);
    expect(hinted(rules, 'https://127.0.0.1/')).toBe(true);
    expect(hinted(rules, 'http://127.0.0.10/')).toBe(false);
    expect(hinted(rules, 'http://10.127.0.0.1.example/')).toBe(false);
  });

  it('hints exactly where enabling the partner would let Pointpilot collect', () => {
    const urls = [
      'https://shop.example/',
      'http://shop.example/',
      'https://m.shop.example/p/1',
      'https://myshop.example/',
      'https://books.example.co.uk/',
      'https://www.buecher.example.de/',
      'https://example.de/',
      'http://127.0.0.1:8080/',
      'https://127.0.0.1/',
      'http://localhost/',
      'https://unrelated.test/',
    ];
    const rules = hintRules(partners, new Set());
    const granted = partners.flatMap(partnerOrigins);
    for (const url of urls)
      expect(hinted(rules, url), url).toBe(granted.some((o) => patternMatches(o, url)));
  });

  it('has no rule at all when every partner is enabled, or there are none', () => {
    expect(hintRules(partners, new Set(['shop', 'books', 'demo']))).toEqual([]);
    expect(hintRules([], new Set())).toEqual([]);
  });

  it('gives no hint on a site an enabled partner already covers', () => {
    const outlet = p('outlet', ['outlet.shop.example', 'shop.example']);
    const rules = hintRules([shop, outlet], new Set(['shop']));
    expect(rules).toEqual([]);
    // …while the enabled partner's own sites never get one either way.
    expect(hinted(hintRules([shop, demo], new Set(['shop'])), 'https://www.shop.example/')).toBe(
      false,
    );
  });

  it('lists a site shared by two partners once', () => {
    const twin = p('twin', ['shop.example']);
    expect(hintRules([shop, twin], new Set())[0]?.conditions).toHaveLength(2);
  });
});
