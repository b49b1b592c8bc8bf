import { sql } from 'kysely';
import { z } from 'zod';
import {
  BadgeId,
  CouponId,
  type EntryCode,
  type EntryKind,
  type RejectCode,
  type ServerEntry,
  SurveyId,
  TierId,
  Voucher,
} from '../../utils/contract';
import { CauseId } from '../../utils/contract/donation';
import type { Db } from '../db/schema';
import type { Tx } from '../db/tx';

/** Reading the ledger back as the contract's ServerEntry (sync's changes). */

interface EntryRow {
  seq: number | string;
  id: string;
  kind: EntryKind;
  claim_id: string | null;
  partner_id: string | null;
  order_ref: string | null;
  amount_minor: number | string | null;
  currency: string | null;
  points: number;
  reason: string | null;
  code: string | null;
  refusal: string | null;
  at: Date;
  occurred_at: Date | null;
  meta: unknown;
}

const Coupons = z.array(CouponId).max(20);
const Reported = z.object({ purchasedOn: z.iso.date() });

/** Fields other modules keep in an entry's meta, each only when valid per the contract. */
function metaFields(kind: EntryKind, meta: unknown): Partial<ServerEntry> {
  if (typeof meta !== 'object' || meta === null) return {};
  const m = meta as Record<string, unknown>;
  const couponId = CouponId.safeParse(m.couponId);
  const coupons = Coupons.safeParse(m.coupons);
  const tierId = TierId.safeParse(m.tierId);
  const voucher = kind === 'spend' ? Voucher.safeParse(m.voucher) : null;
  const surveyId = kind === 'survey' ? SurveyId.safeParse(m.surveyId) : null;
  const badge = kind === 'badge' ? BadgeId.safeParse(m.badge) : null;
  const reported = kind === 'claim' ? Reported.safeParse(m.reported) : null;
  const causeId = kind === 'spend' ? CauseId.safeParse(m.causeId) : null;
  return {
    ...(couponId.success ? { couponId: couponId.data } : {}),
    ...(coupons.success ? { coupons: coupons.data } : {}),
    ...(tierId.success ? { tierId: tierId.data } : {}),
    ...(voucher?.success ? { voucher: voucher.data } : {}),
    ...(surveyId?.success ? { surveyId: surveyId.data } : {}),
    ...(badge?.success ? { badge: badge.data } : {}),
    ...(reported?.success ? { reported: reported.data } : {}),
    ...(causeId?.success ? { causeId: causeId.data } : {}),
  };
}

export const toServerEntry = (r: EntryRow): ServerEntry => ({
  seq: Number(r.seq),
  id: r.id,
  kind: r.kind,
  claimId: r.claim_id,
  partnerId: r.partner_id,
  orderRef: r.order_ref,
  amount:
    r.amount_minor === null || r.currency === null
      ? null
      : { minor: Number(r.amount_minor), currency: r.currency },
  points: r.points,
  reason: r.reason,
  ...(r.code ? { code: r.code as EntryCode } : {}),
  ...(r.refusal ? { refusal: r.refusal as RejectCode } : {}),
  at: new Date(r.at).toISOString(),
  ...(r.occurred_at ? { occurredAt: new Date(r.occurred_at).toISOString() } : {}),
  ...metaFields(r.kind, r.meta),
});

/** A member's entries after `cursor` in seq order (index entries_member_seq). */
export async function entriesAfter(
  db: Db | Tx,
  memberId: string,
  cursor: number,
  limit: number,
): Promise<ServerEntry[]> {
  const { rows } = await sql<EntryRow>`
    SELECT seq, id, kind, claim_id, partner_id, order_ref, amount_minor, currency, points, reason,
      code, refusal, at, occurred_at, meta
    FROM entries WHERE member_id = ${memberId} AND seq > ${cursor}
    ORDER BY seq LIMIT ${limit}`.execute(db);
  return rows.map(toServerEntry);
}
