import type { Migration } from './types';

/**
 * Issue 14 (missing-purchase reports): a reported claim is an ordinary
 * 'claim' entry with meta.reported; this index serves the partner's feed of
 * pending reports (services/missing-claim-feed.ts) without scanning claims.
 */
export const missingClaims: Migration = {
  version: 7,
  name: 'missing-claims',
  statements: [
    `CREATE INDEX entries_reported_claims ON entries (partner_id, at, seq)
      WHERE kind = 'claim' AND (meta -> 'reported') IS NOT NULL`,
  ],
};
