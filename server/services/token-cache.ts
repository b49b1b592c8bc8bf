import { sql } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { Db } from '../db/schema';
import type { MemberRow } from './members';

/**
 * Verified bearer tokens, so a request does not pay a token query on top of
 * its own work (an empty poll would otherwise be two queries instead of one).
 *
 * Keyed by the token's hash (the raw token is never kept), only live tokens
 * are cached (an unknown token always goes to the database, so junk cannot
 * fill the cache), and an entry never outlives its token's expiry.
 *
 * Staleness: a sign-out on THIS instance (one process, one database handle)
 * forgets the entries at once (revokeToken / revokeAllTokens in auth.ts). A
 * sign-out through ANOTHER instance on the same database is seen here at the
 * latest after the TTL (TOKEN_CACHE_SECONDS, default 5 s): that is the bound
 * on cross-instance staleness. TTL 0 turns the cache off.
 */
export interface TokenCacheOptions {
  ttlMs: number;
  /** Entries kept at most (least recently used go first). */
  max?: number;
  /** Clock in ms; tests pass a fake one. */
  now?: () => number;
}

export interface LiveToken {
  member: MemberRow;
  expiresAt: Date;
}

interface Entry {
  member: MemberRow;
  until: number;
}

/** The live (unrevoked, unexpired) token with this hash and its member, or null: one indexed read. */
export async function liveToken(db: Db, hash: string): Promise<LiveToken | null> {
  const { rows } = await sql<MemberRow & { expires_at: Date | string }>`
    SELECT m.id, m.email, m.member_number, t.expires_at
    FROM tokens t JOIN members m ON m.id = t.member_id
    WHERE t.token_hash = ${hash} AND t.revoked_at IS NULL AND t.expires_at > now()`.execute(db);
  const row = rows[0];
  if (!row) return null;
  const { expires_at, ...member } = row;
  return { member, expiresAt: new Date(expires_at) };
}

export const DEFAULT_TOKEN_CACHE_MS = 5_000;
const DEFAULT_MAX = 50_000;

export class TokenCache {
  private readonly entries: LRUCache<string, Entry>;
  private readonly ttlMs: number;
  private readonly now: () => number;
  /** Bumped by every forget: a lookup that raced a revocation must not store its answer. */
  private generation = 0;

  constructor(opts: TokenCacheOptions) {
    this.ttlMs = Math.max(0, opts.ttlMs);
    this.now = opts.now ?? Date.now;
    this.entries = new LRUCache({ max: Math.max(1, opts.max ?? DEFAULT_MAX) });
  }

  /** The member of the live token with this hash: from the cache, else from `lookup` (then cached). */
  async member(
    db: Db,
    hash: string,
    lookup: (db: Db, hash: string) => Promise<LiveToken | null> = liveToken,
  ): Promise<MemberRow | null> {
    const now = this.now();
    const hit = this.entries.get(hash);
    if (hit) {
      if (hit.until > now) return hit.member;
      this.entries.delete(hash);
    }
    const generation = this.generation;
    const live = await lookup(db, hash);
    if (!live) return null;
    const until = Math.min(now + this.ttlMs, live.expiresAt.getTime());
    if (this.ttlMs > 0 && until > now && generation === this.generation) {
      this.entries.set(hash, { member: live.member, until });
    }
    return live.member;
  }

  /** After a token was revoked on this instance. */
  forgetToken(hash: string): void {
    this.generation++;
    this.entries.delete(hash);
  }

  /** After every token of a member was revoked ("sign out everywhere"); rare, so a scan. */
  forgetMember(memberId: string): void {
    this.generation++;
    for (const [hash, entry] of this.entries.entries()) {
      if (entry.member.id === memberId) this.entries.delete(hash);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

// One cache per database handle: the handle is what one instance shares
// between its request handlers and its sign-out path.
const caches = new WeakMap<Db, TokenCache>();

/**
 * The token cache of the instance using `db`. With options it is (re)created
 * with them (createApp passes the configured TTL); without, the existing one
 * or one with the default TTL. Callers look it up per use, not once, so a
 * re-created cache is the one both requests and sign-outs see.
 */
export function tokenCacheFor(db: Db, opts?: TokenCacheOptions): TokenCache {
  let cache = caches.get(db);
  if (!cache || opts) {
    cache = new TokenCache(opts ?? { ttlMs: DEFAULT_TOKEN_CACHE_MS });
    caches.set(db, cache);
  }
  return cache;
}
