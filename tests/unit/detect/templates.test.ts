import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { detectPurchase } from '../../../utils/detect';
import { refIn } from '../../../utils/detect/templates/dom';
import { fixturePartner, fixtures, readFixture } from './fixtures';
import { NOW } from './helpers';

const byFile = (file: string) => fixtures.find((f) => f.file === file)!;
const load = (file: string) => parseHTML(readFixture(byFile(file))).document as unknown as Document;
const detect = (file: string, d: Document) => {
  const f = byFile(file);
  return detectPurchase({ url: f.url, document: d, dataLayer: [] }, fixturePartner(f), NOW);
};
/** Replaces the digits in every text node under `el`, keeping the markup (a structure change is a different page). */
function renumber(el: Node, digits: string) {
  for (const n of Array.from(el.childNodes)) {
    if (n.nodeType === 3) n.nodeValue = (n.nodeValue ?? '').replace(/\d+/g, digits);
    else renumber(n, digits);
  }
}
const notes = (r: ReturnType<typeof detect>) => r.found.map((f) => f.note ?? '').join(' | ');

describe('shop-system templates: bad input', () => {
  it('refIn takes what follows the label and refuses words without a digit', () => {
    expect(refIn('Bestellnummer: #10042')).toBe('10042');
    expect(refIn('Order #AO1042')).toBe('AO1042');
    expect(refIn('Numéro de commande\u00a0: 2207')).toBe('2207');
    expect(refIn('Thank you')).toBeUndefined();
    expect(refIn('Bestellnummer: A\u0000B1')).toBeUndefined();
    expect(refIn(`Order #12\ud800`)).toBeUndefined();
  });

  it('analytics outrank the template; a disagreement is recorded as a conflict', () => {
    const f = byFile('tpl-woo-classic-de.html');
    const run = (dataLayer: unknown[]) =>
      detectPurchase({ url: f.url, document: load(f.file), dataLayer }, fixturePartner(f), NOW);
    const ga4 = (id: string, value: number) => ({
      event: 'purchase',
      ecommerce: { transaction_id: id, value, currency: 'EUR' },
    });
    const agree = run([ga4('5120', 43.8)]);
    expect(agree.claim).toMatchObject({ signals: ['datalayer', 'template'], conflicts: [] });
    // GA4 without shipping: its value wins by rank, the template's total is noted.
    const total = run([ga4('5120', 38.9)]);
    expect(total.claim?.total).toEqual({ minor: 3890, currency: 'EUR' });
    expect(total.claim?.conflicts).toEqual([
      'template total 43.80 EUR differs from datalayer total 38.90 EUR; datalayer wins by precedence',
    ]);
    const order = run([ga4('5199', 43.8)]);
    expect(order.claim?.orderRef).toBe('5199');
    expect(order.claim?.conflicts).toEqual([
      'template says order 5120, datalayer says 5199; datalayer wins by precedence',
    ]);
  });

  it('two different order numbers on the page: no claim, and the reason says so', () => {
    const d = load('tpl-woo-classic-de.html');
    const li = d.querySelector('.woocommerce-order-overview__order')!;
    const other = li.cloneNode(true) as Element;
    other.querySelector('strong')!.textContent = '5119';
    li.after(other);
    const r = detect('tpl-woo-classic-de.html', d);
    expect(r.claim).toBeNull();
    expect(notes(r)).toContain('two different order numbers');
  });

  it('two different totals: no claim rather than a guess', () => {
    const d = load('tpl-shopify-legacy-en.html');
    const due = d.querySelector('td.payment-due')!;
    const other = due.cloneNode(true) as Element;
    other.querySelector('.payment-due__price')!.textContent = '$5.00';
    due.after(other);
    const r = detect('tpl-shopify-legacy-en.html', d);
    expect(r.claim).toBeNull();
    expect(notes(r)).toContain('two different totals');
  });

  it('the same number twice (mobile and desktop summaries) is one order', () => {
    const d = load('tpl-shopify-legacy-en.html');
    const due = d.querySelector('td.payment-due')!;
    due.after(due.cloneNode(true));
    expect(detect('tpl-shopify-legacy-en.html', d).claim?.total).toEqual({
      minor: 5776,
      currency: 'USD',
    });
  });

  it('control characters and lone surrogates in the order number give no claim', () => {
    for (const bad of ['51\u000020', '5120\udc00', '\u202e5120', '']) {
      const d = load('tpl-woo-classic-de.html');
      d.querySelector('.woocommerce-order-overview__order strong')!.textContent = bad;
      expect(detect('tpl-woo-classic-de.html', d).claim, JSON.stringify(bad)).toBeNull();
    }
  });

  it('a huge page (50,000 summary rows) is read with bounded work and claims nothing wrong', () => {
    const d = load('tpl-woo-blocks-de.html');
    const list = d.querySelector('.wc-block-order-confirmation-summary-list')!;
    const row = list.firstElementChild!;
    const frag = d.createDocumentFragment();
    for (let i = 0; i < 50_000; i++) {
      const r = row.cloneNode(true) as Element;
      r.querySelector('[class$="__value"]')!.textContent = String(1000 + i);
      frag.appendChild(r);
    }
    list.appendChild(frag);
    // Row 1 and the copies disagree: ambiguous, so nothing; past the cap nothing is looked at.
    expect(detect('tpl-woo-blocks-de.html', d).claim).toBeNull();
  });

  const lookAlikes = fixtures.filter((f) => f.expected === null && f.file.includes('-tpl-'));
  it(`has template look-alikes (${lookAlikes.length})`, () => {
    expect(lookAlikes.length).toBeGreaterThanOrEqual(8);
  });

  it('property: look-alike template pages, rows duplicated, reordered or renumbered, never claim', () => {
    const sources = lookAlikes.map((f) => ({ f, html: readFixture(f) }));
    fc.assert(
      fc.property(
        fc.nat(sources.length - 1),
        fc.array(
          fc.tuple(
            fc.constantFrom('dup', 'shuffle', 'digits'),
            fc.nat(),
            fc.stringMatching(/^[\d.,]{1,8}$/),
          ),
          { maxLength: 10 },
        ),
        (i, ops) => {
          const { f, html } = sources[i]!;
          const d = parseHTML(html).document as unknown as Document;
          for (const [kind, n, s] of ops) {
            const els = Array.from(d.querySelectorAll('body *'));
            const el = els[n % els.length]!;
            if (kind === 'dup') el.after(el.cloneNode(true));
            else if (kind === 'shuffle')
              for (const k of Array.from(el.children).reverse()) el.appendChild(k);
            else renumber(el, s);
          }
          const r = detectPurchase(
            { url: f.url, document: d, dataLayer: [] },
            fixturePartner(f),
            NOW,
          );
          expect(r.claim, f.file).toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });
});
