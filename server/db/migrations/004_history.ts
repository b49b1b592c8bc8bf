import type { Migration } from './types';

/**
 * Issue 10 (history): a claim the server refuses is kept as a 'refusal'
 * entry (0 points, its op's id), so a member's history comes back whole
 * after signing in again; occurred_at is when it happened for the shopper.
 */
export const history: Migration = {
  version: 4,
  name: 'history',
  statements: [
    `ALTER TABLE entries DROP CONSTRAINT entries_kind_check`,
    `ALTER TABLE entries ADD CONSTRAINT entries_kind_check CHECK (kind IN
      ('claim','confirm','reject','adjust','bonus','spend','expire','refusal'))`,
    `ALTER TABLE entries ADD COLUMN refusal text`,
    `ALTER TABLE entries ADD COLUMN occurred_at timestamptz`,
  ],
};
