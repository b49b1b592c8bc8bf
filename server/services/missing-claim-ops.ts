import type { MissingClaimOp } from '../../utils/contract';
import { checkMissingPurchase } from '../../utils/contract/missing-claim';
import type { Tx } from '../db/tx';
import {
  applyClaimOps,
  type ClaimLimits,
  type ClaimOpT,
  type ClaimsApplied,
  type Reject,
} from './claim-ops';
import { findPartner, type PartnerRecord } from './partners';

/**
 * Applies new missing-purchase reports. Each is judged by the same pure
 * check the popup uses (utils/contract/missing-claim.ts), with a day of
 * slack at both ends because the member's time zone is unknown here; a
 * report that passes becomes an ordinary pending claim (services/claim-ops.ts),
 * marked `reported` in its meta. So every rule of a detected claim holds for
 * it: one claim per member and order, an order the partner settled is
 * refused, a second member's claim is contested and the partner's buyer
 * proof decides, the hourly limits and the per-order cap. The partner
 * confirms or cancels it through the same webhook, on the order reference.
 * Refused reports leave no refusal entry: the sending device shows the ack,
 * and "no second entry" holds for the order.
 */
export async function applyMissingClaimOps(
  trx: Tx,
  memberId: string,
  ops: { id: string; op: MissingClaimOp }[],
  limits: ClaimLimits,
  reject: Reject,
  now = new Date(),
): Promise<ClaimsApplied> {
  const empty: ClaimsApplied = { accepted: new Map(), pendingDelta: 0, lastSeq: 0 };
  if (ops.length === 0) return empty;
  const partners = new Map<string, PartnerRecord>();
  for (const id of new Set(ops.map((o) => o.op.purchase.partnerId))) {
    const p = await findPartner(trx, id);
    if (p) partners.set(id, p);
  }
  const today = now.toISOString().slice(0, 10);
  const claims: { id: string; op: ClaimOpT; reported: { purchasedOn: string } }[] = [];
  for (const { id, op } of ops) {
    const partner = partners.get(op.purchase.partnerId);
    if (!partner) {
      reject(id, 'unknown-partner', `No partner "${op.purchase.partnerId}"`);
      continue;
    }
    const check = checkMissingPurchase(op.purchase, {
      partner: partner.partner,
      today,
      slackDays: 1,
    });
    if (!check.ok) {
      reject(id, check.code, check.reason);
      continue;
    }
    const { partnerId, orderRef, amount, purchasedOn } = check.purchase;
    claims.push({
      id,
      reported: { purchasedOn },
      op: {
        id,
        type: 'claim',
        createdAt: op.createdAt,
        claim: {
          partnerId,
          orderRef,
          total: amount,
          detectedAt: op.createdAt,
          // Nothing was detected: the member's word, which the partner checks.
          signals: [],
          conflicts: [],
        },
      },
    });
  }
  return applyClaimOps(trx, memberId, claims, partners, limits, reject);
}
