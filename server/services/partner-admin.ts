import { sql } from 'kysely';
import { z } from 'zod';
import { Partner, PartnerId } from '../../utils/contract';
import { isStorableText } from '../../utils/contract/rules';
import type { Db } from '../db/schema';
import { ProblemError } from '../http/problem';

/** What a new partner gets without memberClaimsPerHour (the column's default). */
const DEFAULT_MEMBER_CLAIMS_PER_HOUR = 20;

type Path = (string | number)[];

/** Paths of strings jsonb cannot store (U+0000, lone surrogates): refused as input, never a 500. */
function unstorable(value: unknown, path: Path = []): Path[] {
  if (typeof value === 'string') return isStorableText(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => unstorable(v, [...path, i]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => unstorable(v, [...path, k]));
  }
  return [];
}

const compiles = (source: string) => {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
};

/**
 * PUT /v1/operator/partners/{id}: a catalogue entry (its id comes from the
 * path; one in the body must equal it) plus the private settings. Strict, so
 * a misspelt "memberClaimsPerHour" is a 422, not silently the default.
 */
export const PartnerUpload = Partner.extend({
  id: PartnerId.optional(),
  /** The webhook and feed HMAC key; required for a new partner, kept when omitted. */
  secret: z
    .string()
    .regex(/^[\x21-\x7e]{16,256}$/, 'secret: 16–256 printable ASCII characters, no spaces')
    .optional(),
  memberClaimsPerHour: z.number().int().min(0).max(100_000).optional(),
})
  .strict()
  .superRefine((body, ctx) => {
    for (const path of unstorable(body)) {
      ctx.addIssue({ code: 'custom', path, message: 'text has U+0000 or an unpaired surrogate' });
    }
    // The extension skips a rule whose pattern does not compile: say so at upload instead.
    body.rules.forEach((rule, i) => {
      const sources: [Path, string | undefined][] = [
        [['rules', i, 'urlPattern'], rule.urlPattern],
        [['rules', i, 'orderRef', 'regex'], rule.orderRef.regex],
        [['rules', i, 'total', 'regex'], rule.total.regex],
      ];
      for (const [path, source] of sources) {
        if (source !== undefined && !compiles(source)) {
          ctx.addIssue({ code: 'custom', path, message: 'not a valid regular expression' });
        }
      }
    });
  });
export type PartnerUpload = z.infer<typeof PartnerUpload>;

/** A partner as the operator sees it: the public entry and its claim limit, never the secret. */
export const StoredPartner = z.object({
  partner: Partner,
  memberClaimsPerHour: z.number().int(),
});
export const PartnerSaved = StoredPartner.extend({ created: z.boolean() });
export const StoredPartnerList = z.object({ partners: z.array(StoredPartner) });

export async function storedPartners(db: Db): Promise<z.infer<typeof StoredPartner>[]> {
  const rows = await db
    .selectFrom('partners')
    .select(['definition', 'member_claims_per_hour'])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    partner: r.definition as Partner,
    memberClaimsPerHour: r.member_claims_per_hour,
  }));
}

const unprocessable = (path: string, message: string) =>
  new ProblemError(422, 'validation', 'Some fields are invalid', [{ path, message }]);

/**
 * Creates or updates one partner in a single statement, so omitted settings
 * keep what is stored even against a concurrent change (read-then-upsert
 * would write back a stale secret), and two creates of one id both succeed:
 * the second waits on the unique key and updates. Unchanged rows are not
 * written. Returns whether the row was inserted.
 */
export async function savePartner(
  db: Db,
  partner: Partner,
  opts: { secret?: string; memberClaimsPerHour?: number },
): Promise<{ created: boolean }> {
  const definition = JSON.stringify(partner);
  const claims = opts.memberClaimsPerHour ?? null;
  try {
    if (opts.secret === undefined) {
      // Without a secret only an existing partner can be updated.
      const { rows } = await sql<{ id: string }>`
        UPDATE partners SET definition = ${definition}::jsonb,
          member_claims_per_hour = COALESCE(${claims}::int, member_claims_per_hour), updated_at = now()
        WHERE id = ${partner.id} AND (definition IS DISTINCT FROM ${definition}::jsonb
          OR member_claims_per_hour IS DISTINCT FROM COALESCE(${claims}::int, member_claims_per_hour))
        RETURNING id`.execute(db);
      if (rows.length > 0) return { created: false };
      const exists = await db
        .selectFrom('partners')
        .select('id')
        .where('id', '=', partner.id)
        .executeTakeFirst();
      if (exists) return { created: false };
      throw unprocessable('secret', 'a new partner needs its webhook secret');
    }
    // xmax = 0 only on a freshly inserted row version: PostgreSQL's way to tell insert from update.
    const { rows } = await sql<{ created: boolean }>`
      INSERT INTO partners (id, definition, secret, member_claims_per_hour)
      VALUES (${partner.id}, ${definition}::jsonb, ${opts.secret},
        COALESCE(${claims}::int, ${DEFAULT_MEMBER_CLAIMS_PER_HOUR}::int))
      ON CONFLICT (id) DO UPDATE SET
        definition = EXCLUDED.definition,
        secret = EXCLUDED.secret,
        member_claims_per_hour = COALESCE(${claims}::int, partners.member_claims_per_hour),
        updated_at = now()
      WHERE partners.definition IS DISTINCT FROM EXCLUDED.definition
        OR partners.secret IS DISTINCT FROM EXCLUDED.secret
        OR partners.member_claims_per_hour IS DISTINCT FROM COALESCE(${claims}::int, partners.member_claims_per_hour)
      RETURNING (xmax = 0) AS created`.execute(db);
    return { created: rows[0]?.created === true };
  } catch (err) {
    if (err instanceof ProblemError) throw err;
    const code = String((err as { code?: unknown }).code ?? '');
    // Text or numbers the database cannot store slipped past the schema: still the input's fault.
    if (code.startsWith('22') || code === '23514') {
      throw unprocessable('(body)', 'a value cannot be stored');
    }
    throw err;
  }
}
