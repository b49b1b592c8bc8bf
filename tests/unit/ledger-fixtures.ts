import { type Claim, Partner } from '../../utils/contract';

/** The demo partner as the ledger tests use it: 2 points per euro. */
export const demoPartner = Partner.parse({
  id: 'demo-shop',
  name: 'Demo Shop',
  domains: ['127.0.0.1'],
  earn: { pointsPerUnit: 2, currency: 'EUR' },
});

/** A detected demo-shop claim of `minor` EUR cents. */
export const demoClaim = (orderRef: string, minor: number): Claim => ({
  partnerId: 'demo-shop',
  orderRef,
  total: { minor, currency: 'EUR' },
  detectedAt: '2026-11-23T10:00:00.000Z',
  signals: ['jsonld'],
  conflicts: [],
});
