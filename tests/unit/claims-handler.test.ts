import { beforeEach, describe, expect, it } from 'vitest';
import { handleClaimReport } from '../../entrypoints/background/claims';
import {
  type Activations,
  orderAllowed,
  parseActivations,
  withActivation,
  withRefused,
} from '../../utils/banner/activation';
import { NOT_ACTIVATED } from '../../utils/banner/reasons';
import { Partner } from '../../utils/contract';
import { claimKeyOf, LedgerDb } from '../../utils/ledger';
import { earn } from '../../utils/loyalty/earn';
import { PartnerIndex } from '../../utils/partners';

const demo = Partner.parse({
  id: 'demo-shop',
  name: 'Demo Shop',
  domains: ['127.0.0.1'],
  earn: { pointsPerUnit: 2, currency: 'EUR' },
});
const other = Partner.parse({
  id: 'other-shop',
  name: 'Other',
  domains: ['other.example'],
  earn: { pointsPerUnit: 1, currency: 'EUR' },
});

const goodClaim = {
  partnerId: 'demo-shop',
  orderRef: 'PP-100001',
  total: { minor: 5980, currency: 'EUR' },
  detectedAt: '2026-11-23T10:00:00.000Z',
  signals: ['jsonld', 'datalayer'],
};
const partnerTab = {
  id: 'ext-id',
  url: 'http://127.0.0.1:4000/order/PP-100001/confirmation',
  frameId: 0,
  tab: { id: 7, url: 'http://127.0.0.1:4000/order/PP-100001/confirmation' },
};

let db: LedgerDb;
let enabled: boolean;
const deps = () => ({
  extensionId: 'ext-id',
  index: new PartnerIndex([demo, other]),
  db,
  isEnabled: async () => enabled,
  activationAllows: async () => true,
});

beforeEach(async () => {
  db = new LedgerDb(`h-${crypto.randomUUID()}`);
  enabled = true;
});

describe('handleClaimReport', () => {
  it('records a valid claim from an enabled partner tab', async () => {
    expect(await handleClaimReport(goodClaim, partnerTab, deps())).toEqual({
      status: 'recorded',
      points: 119,
    });
    expect(await handleClaimReport(goodClaim, partnerTab, deps())).toEqual({
      status: 'duplicate',
      points: 119,
    });
    expect(await db.entries.count()).toBe(1);
  });

  const refusals: [string, unknown, object][] = [
    ['another extension', goodClaim, { ...partnerTab, id: 'evil' }],
    [
      'an extension page (no tab)',
      goodClaim,
      { id: 'ext-id', url: 'chrome-extension://ext-id/popup.html' },
    ],
    ['a sub-frame', goodClaim, { ...partnerTab, frameId: 3 }],
    [
      'a non-partner site',
      goodClaim,
      { ...partnerTab, url: 'http://localhost:4000/x', tab: { url: 'http://localhost:4000/x' } },
    ],
    ['a claim for another partner', { ...goodClaim, partnerId: 'other-shop' }, partnerTab],
    ['a negative amount', { ...goodClaim, total: { minor: -5, currency: 'EUR' } }, partnerTab],
    ['a fractional amount', { ...goodClaim, total: { minor: 1.5, currency: 'EUR' } }, partnerTab],
    ['a bogus currency', { ...goodClaim, total: { minor: 100, currency: 'euro' } }, partnerTab],
    ['an empty order ref', { ...goodClaim, orderRef: '   ' }, partnerTab],
    ['no signals', { ...goodClaim, signals: [] }, partnerTab],
    ['a string', 'hello', partnerTab],
    ['null', null, partnerTab],
    [
      'a prototype-polluting object',
      JSON.parse('{"__proto__":{"x":1},"partnerId":"demo-shop"}'),
      partnerTab,
    ],
  ];
  for (const [name, payload, sender] of refusals) {
    it(`refuses ${name} and changes nothing`, async () => {
      const reply = await handleClaimReport(payload, sender, deps());
      expect(reply.status).toBe('refused');
      expect(await db.entries.count()).toBe(0);
      expect(await db.outbox.count()).toBe(0);
    });
  }

  it('refuses a partner the user has not enabled', async () => {
    enabled = false;
    expect((await handleClaimReport(goodClaim, partnerTab, deps())).status).toBe('refused');
    expect(await db.entries.count()).toBe(0);
  });
});

describe('handleClaimReport: a partner that needs activation', () => {
  const act = Partner.parse({
    id: 'act-shop',
    name: 'Act Shop',
    domains: ['127.0.0.1'],
    earn: { pointsPerUnit: 2, currency: 'EUR' },
    requiresActivation: true,
    activationHours: 24,
  });
  const claim = { ...goodClaim, partnerId: 'act-shop' };
  const NOW = Date.parse('2026-11-23T10:00:00.000Z');
  let asked: string[];
  const actDeps = (allows: (p: Partner, key: string) => boolean) => ({
    ...deps(),
    index: new PartnerIndex([act, other]),
    activationAllows: async (p: Partner, key: string) => {
      asked.push(key);
      return allows(p, key);
    },
  });

  beforeEach(() => {
    asked = [];
  });

  it('refuses a claim as not activated and writes nothing when activation says no', async () => {
    expect(
      await handleClaimReport(
        claim,
        partnerTab,
        actDeps(() => false),
      ),
    ).toEqual({
      status: 'refused',
      reason: NOT_ACTIVATED,
    });
    expect(asked).toEqual([claimKeyOf('act-shop', 'PP-100001')]);
    expect(await db.entries.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('records the claim when activation says yes', async () => {
    expect(
      await handleClaimReport(
        claim,
        partnerTab,
        actDeps(() => true),
      ),
    ).toEqual({
      status: 'recorded',
      points: 119,
    });
    expect(await db.entries.count()).toBe(1);
  });

  it('keeps an order already recorded a duplicate, without asking about activation', async () => {
    await handleClaimReport(
      claim,
      partnerTab,
      actDeps(() => true),
    );
    asked = [];
    expect(
      await handleClaimReport(
        claim,
        partnerTab,
        actDeps(() => false),
      ),
    ).toEqual({
      status: 'duplicate',
      points: 119,
    });
    expect(asked).toEqual([]);
    expect(await db.entries.count()).toBe(1);
  });

  it('never asks about activation for a partner that does not need it', async () => {
    const plain = { ...actDeps(() => false), index: new PartnerIndex([demo, other]) };
    expect((await handleClaimReport(goodClaim, partnerTab, plain)).status).toBe('recorded');
    expect(asked).toEqual([]);
  });

  it('keeps an order first reported unactivated refused after activating', async () => {
    // What the background does (banner.ts), over a local variable instead of storage.
    let stored: Activations = parseActivations(undefined);
    const allows = (p: Partner, key: string) => {
      if (orderAllowed(stored, p, key, NOW)) return true;
      stored = withRefused(stored, key);
      return false;
    };
    const reply = () => handleClaimReport(claim, partnerTab, actDeps(allows));
    expect(await reply()).toEqual({ status: 'refused', reason: NOT_ACTIVATED });

    stored = withActivation(stored, 'act-shop', NOW - 60_000);
    expect(await reply()).toEqual({ status: 'refused', reason: NOT_ACTIVATED });
    expect(await db.entries.count()).toBe(0);

    // A new order after *Activate* counts.
    const next = { ...claim, orderRef: 'PP-100002' };
    expect(await handleClaimReport(next, partnerTab, actDeps(allows))).toEqual({
      status: 'recorded',
      points: 119,
    });
    expect(await db.entries.count()).toBe(1);
    expect(stored.refused).toEqual([claimKeyOf('act-shop', 'PP-100001')]);
  });
});

describe('the pending estimate of a detected claim', () => {
  it('counts the tier and an activated coupon, as the banner previewed it', async () => {
    const day = 86_400_000;
    await db.program.bulkPut([
      {
        id: 'program',
        fetchedAt: Date.now(),
        data: {
          tiers: [
            {
              id: 'silver',
              name: 'Silver',
              position: 2,
              minQualifying: 0,
              multiplier: 1.25,
              benefits: [],
            },
          ],
          member: {
            tierId: 'silver',
            qualifying: 0,
            period: 'rolling-12-months',
            next: null,
            nextBy: null,
            reviewAt: null,
          },
        },
      },
      {
        id: 'coupons',
        fetchedAt: Date.now(),
        data: {
          coupons: [
            {
              id: 'demo-10x',
              partnerId: 'demo-shop',
              kind: 'multiplier',
              multiplier: 10,
              bonusPoints: null,
              minAmount: null,
              maxExtraPoints: null,
              validFrom: new Date(Date.now() - day).toISOString(),
              validUntil: new Date(Date.now() + day).toISOString(),
              state: 'activated',
              activatedAt: new Date(Date.now() - 1000).toISOString(),
            },
            {
              // Another partner's coupon adds nothing here.
              id: 'other-3x',
              partnerId: 'other-shop',
              kind: 'multiplier',
              multiplier: 3,
              bonusPoints: null,
              minAmount: null,
              maxExtraPoints: null,
              validFrom: new Date(Date.now() - day).toISOString(),
              validUntil: new Date(Date.now() + day).toISOString(),
              state: 'activated',
              activatedAt: new Date(Date.now() - 1000).toISOString(),
            },
          ],
        },
      },
    ]);
    // 59.80 € at 2/€ = 119 base; + 25 % tier = 29; + 10× coupon = 1071 → 1219.
    const expected = earn(goodClaim.total, {
      rate: demo.earn,
      tierMultiplier: 1.25,
      coupons: [
        {
          id: 'demo-10x',
          kind: 'multiplier',
          multiplier: 10,
          bonusPoints: null,
          minAmount: null,
          maxExtraPoints: null,
        },
      ],
    })!.points;
    expect(expected).toBe(1219);
    expect(await handleClaimReport(goodClaim, partnerTab, deps())).toEqual({
      status: 'recorded',
      points: expected,
    });
    expect((await db.entries.toArray())[0]!.points).toBe(expected);
  });
});
