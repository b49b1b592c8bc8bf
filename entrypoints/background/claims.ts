import { NOT_ACTIVATED } from '@/utils/banner/reasons';
import { Claim, type Partner } from '@/utils/contract';
import { claimKeyOf, type LedgerDb, recordClaim } from '@/utils/ledger';
import { localEarnRules } from '@/utils/ledger/earn-rules';
import type { ClaimReply } from '@/utils/messaging';
import type { PartnerIndex } from '@/utils/partners';

/** The parts of runtime.MessageSender we rely on. */
export interface ClaimSender {
  id?: string;
  url?: string;
  frameId?: number;
  tab?: { id?: number; url?: string };
}

export interface ClaimDeps {
  extensionId: string;
  index: PartnerIndex;
  /** Whether the user granted (enabled) this partner's sites. */
  isEnabled(partner: Partner, url: string): Promise<boolean>;
  db: LedgerDb;
  /** For a partner that needs activation: whether this order (by claimKey) counts (banner.ts). */
  activationAllows(partner: Partner, claimKey: string): Promise<boolean>;
}

/**
 * Decides which partner a message really comes from, from the browser's own
 * sender facts (never from the payload): our extension, a top-level frame of
 * a tab, on an enabled partner's site.
 */
export async function partnerOfSender(
  sender: ClaimSender,
  deps: Omit<ClaimDeps, 'db' | 'activationAllows'>,
): Promise<Partner | { refused: string }> {
  if (sender.id !== deps.extensionId) return { refused: 'not from this extension' };
  if (!sender.tab || sender.frameId !== 0) return { refused: 'not from a top-level page' };
  const url = sender.url ?? sender.tab.url;
  const partner = deps.index.byUrl(url);
  if (!url || !partner) return { refused: 'not a partner site' };
  if (!(await deps.isEnabled(partner, url))) return { refused: 'partner not enabled' };
  return partner;
}

/** Validates and records a claim reported by a partner content script. */
export async function handleClaimReport(
  payload: unknown,
  sender: ClaimSender,
  deps: ClaimDeps,
): Promise<ClaimReply> {
  const partner = await partnerOfSender(sender, deps);
  if ('refused' in partner) return { status: 'refused', reason: partner.refused };
  const parsed = Claim.safeParse(payload);
  if (!parsed.success) return { status: 'refused', reason: 'malformed claim' };
  if (parsed.data.partnerId !== partner.id) {
    return { status: 'refused', reason: 'claim names another partner than the page' };
  }
  if (partner.requiresActivation) {
    // An order already recorded stays a duplicate, also after the activation ran out.
    const key = claimKeyOf(partner.id, parsed.data.orderRef);
    const known = await deps.db.entries.get({ claimKey: key });
    if (!known && !(await deps.activationAllows(partner, key)))
      return { status: 'refused', reason: NOT_ACTIVATED };
  }
  // The same rules the banner previewed with: tier and activated coupons.
  const rules = await localEarnRules(deps.db, partner, Date.now()).catch(() => undefined);
  const result = await recordClaim(deps.db, parsed.data, partner, { rules });
  return { status: result.status, points: result.entry.points };
}
