import { PROBLEM_ERROR } from '@/components/missing-purchase-text';
import { checkMissingPurchase, localDay, MissingPurchase } from '@/utils/contract/missing-claim';
import { type LedgerDb, ledgerDb } from '@/utils/ledger';
import { recordMissingClaim } from '@/utils/ledger/record-missing-claim';
import type { MissingPurchaseReply } from '@/utils/messaging';
import { loadCatalogue } from '@/utils/partners/stored';
import { signedIn } from './program-ops';
import { syncSoon } from './sync';

/**
 * The popup reports a purchase the extension did not record. Checked again
 * here with the rules the popup and the server use (utils/contract/missing-claim.ts),
 * against the member's calendar day, then written as a pending claim and
 * its outbox op. An order already in the ledger, detected or reported, is
 * answered with errorMissingDuplicate and nothing is written.
 */
export async function reportMissingPurchase(
  data: unknown,
  db: LedgerDb = ledgerDb(),
  now = Date.now(),
): Promise<MissingPurchaseReply> {
  const req = MissingPurchase.strict().safeParse(data);
  if (!req.success) return { ok: false, error: 'errorGeneric' };
  // A report is the member's own word: it belongs to a signed-in account.
  if (!(await signedIn())) return { ok: false, error: 'errorSignInToReport' };
  const { partners } = await loadCatalogue();
  const partner = partners.find((p) => p.id === req.data.partnerId);
  if (!partner) return { ok: false, error: 'errorMissingPartner', field: 'partnerId' };
  const check = checkMissingPurchase(req.data, { partner, today: localDay(new Date(now)) });
  if (!check.ok) return { ok: false, error: PROBLEM_ERROR[check.code], field: check.field };
  const out = await recordMissingClaim(db, check.purchase, partner, { now });
  if (out.status === 'duplicate')
    return { ok: false, error: 'errorMissingDuplicate', field: 'orderRef' };
  syncSoon();
  return { ok: true, opId: out.entry.id };
}
