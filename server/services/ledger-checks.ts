import { sql } from 'kysely';
import type { Db } from '../db/schema';

/**
 * Consistency checks of the ledger and its lots, for tests, the fuzz suite
 * and an operator's audit: each returns the members whose stored figures
 * disagree with their entries (empty when consistent).
 */

export interface LotDiscrepancy {
  member_id: string;
  /**
   * 'sum': lots' remaining ≠ available; 'uses': a lot's uses ≠ points -
   * remaining; 'owed': owed ≠ what returns left owed minus what was repaid.
   */
  problem: 'sum' | 'uses' | 'owed';
  expected: number;
  actual: number;
}

/** Members whose lots disagree with their balance or the lots' uses, or whose owed is off. */
export async function lotDiscrepancies(db: Db): Promise<LotDiscrepancy[]> {
  const { rows } = await sql<LotDiscrepancy>`
    SELECT b.member_id, 'sum' AS problem, b.available AS expected,
      COALESCE(l.remaining, 0) AS actual
    FROM balances b
    LEFT JOIN (SELECT member_id, SUM(remaining) AS remaining FROM lots GROUP BY member_id) l
      ON l.member_id = b.member_id
    WHERE b.available <> COALESCE(l.remaining, 0)
    UNION ALL
    SELECT l.member_id, 'uses', l.points - l.remaining, COALESCE(u.points, 0)
    FROM lots l
    LEFT JOIN (SELECT member_id, lot_id, SUM(points) AS points FROM lot_uses GROUP BY member_id, lot_id) u
      ON u.member_id = l.member_id AND u.lot_id = l.entry_id
    WHERE l.points - l.remaining <> COALESCE(u.points, 0)
    UNION ALL
    SELECT b.member_id, 'owed', COALESCE(e.owed, 0), b.owed
    FROM balances b
    LEFT JOIN (
      SELECT member_id, SUM(CASE WHEN code = 'debt-repaid' THEN points
        ELSE COALESCE((meta->>'owed')::int, 0) END) AS owed
      FROM entries WHERE code IN ('return-owed', 'debt-repaid') GROUP BY member_id
    ) e ON e.member_id = b.member_id
    WHERE b.owed <> COALESCE(e.owed, 0)`.execute(db);
  return rows.map((r) => ({ ...r, expected: Number(r.expected), actual: Number(r.actual) }));
}

export interface Discrepancy {
  member_id: string;
  available: number;
  pending: number;
  sum_available: number;
  sum_pending: number;
}

/**
 * Members whose stored balances differ from the sum of their entries (or whose
 * last_seq is not their highest seq). Empty when the ledger is consistent.
 */
export async function ledgerDiscrepancies(db: Db): Promise<Discrepancy[]> {
  const { rows } = await sql<Discrepancy>`
    SELECT b.member_id, b.available, b.pending,
      COALESCE(s.sum_available, 0) AS sum_available, COALESCE(s.sum_pending, 0) AS sum_pending
    FROM balances b
    LEFT JOIN (
      SELECT member_id, SUM(d_available) AS sum_available, SUM(d_pending) AS sum_pending,
        MAX(seq) AS max_seq
      FROM entries GROUP BY member_id
    ) s ON s.member_id = b.member_id
    WHERE b.available <> COALESCE(s.sum_available, 0)
       OR b.pending <> COALESCE(s.sum_pending, 0)
       OR b.last_seq <> COALESCE(s.max_seq, 0)`.execute(db);
  return rows.map((r) => ({
    ...r,
    available: Number(r.available),
    pending: Number(r.pending),
    sum_available: Number(r.sum_available),
    sum_pending: Number(r.sum_pending),
  }));
}
