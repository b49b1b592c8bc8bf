import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { Claim } from '../../../utils/contract';
import { detectPurchase, NO_CLAIM_CODES } from '../../../utils/detect';
import { fixturePartner, fixtures, inlineDataLayer, readFixture } from './fixtures';
import { NOW } from './helpers';

describe('shop fixtures (static: linkedom + inline dataLayer literals)', () => {
  it('has enough positives and look-alike negatives', () => {
    expect(fixtures.filter((f) => f.expected).length).toBeGreaterThanOrEqual(25);
    expect(fixtures.filter((f) => !f.expected).length).toBeGreaterThanOrEqual(12);
  });

  for (const f of fixtures) {
    it(`${f.file}: ${f.describe}`, () => {
      const document = parseHTML(readFixture(f)).document as unknown as Document;
      const dataLayer = inlineDataLayer(document);
      const r = detectPurchase({ url: f.url, document, dataLayer }, fixturePartner(f), NOW);
      if (f.browserOnly) {
        // Rendered by scripts: only the browser test sees it all; static must stay sane.
        if (r.claim) expect(r.claim.orderRef).toBe(f.expected?.orderRef);
        return;
      }
      if (f.expected) {
        expect(r.claim, 'reason' in r ? r.reason : '').not.toBeNull();
        expect(r.claim?.orderRef).toBe(f.expected.orderRef);
        expect(r.claim?.total).toEqual(f.expected.total);
        if (f.signals) expect(r.claim?.signals).toEqual(f.signals);
        if (f.conflicts) expect(r.claim?.conflicts.length).toBeGreaterThan(0);
        else expect(r.claim?.conflicts).toEqual([]);
        expect(Claim.safeParse(r.claim).success).toBe(true);
      } else {
        expect(r.claim).toBeNull();
        if (r.claim) return;
        if (f.reason) expect(r.reason).toContain(f.reason);
        // The popup's "Why no points?" gets the code, and the order where the page named one.
        const partial = /order (\S+) found, but no usable total/.exec(r.reason);
        if (partial) expect(r.why).toEqual({ code: 'no-total', orderRef: partial[1] });
        else expect(NO_CLAIM_CODES).toContain(r.why.code);
      }
    });
  }
});
