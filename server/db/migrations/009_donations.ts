import type { Migration } from './types';

/**
 * Issue 13 (donations): the causes members can give points to. A donation
 * itself is a 'spend' entry with code 'donation' and meta.causeId, so the
 * ledger, the lots and the balance guard stay the ones every spend uses.
 */
export const donations: Migration = {
  version: 9,
  name: 'donations',
  statements: [
    `CREATE TABLE causes (
      id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
      -- contract LocalizedText: a string, or {"default": "…", "de": "…"}
      name jsonb NOT NULL,
      description jsonb,
      min_points int NOT NULL CHECK (min_points BETWEEN 1 AND 10000000),
      active boolean NOT NULL DEFAULT true,
      -- Order in the popup (lower first).
      position int NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`,
    // What each cause received, without scanning every spend.
    `CREATE INDEX entries_donations ON entries ((meta ->> 'causeId'))
      WHERE kind = 'spend' AND code = 'donation'`,
  ],
};
