import type { Voucher } from '../contract';
import type { LedgerEntry } from '../ledger';

export interface WalletItem {
  /** The spend entry's id. */
  id: string;
  voucher: Voucher;
  /** When it was redeemed (epoch ms). */
  at: number;
  expiresAt: number;
  expired: boolean;
}

/** The member's vouchers: confirmed redemptions that carry one, newest first. */
export function walletFrom(entries: readonly LedgerEntry[], now: number): WalletItem[] {
  const items: WalletItem[] = [];
  for (const e of entries) {
    if (e.kind !== 'spend' || e.status !== 'confirmed' || !e.voucher) continue;
    const expiresAt = Date.parse(e.voucher.expiresAt);
    items.push({
      id: e.id,
      voucher: e.voucher,
      at: e.createdAt,
      expiresAt,
      expired: expiresAt < now,
    });
  }
  return items.sort((a, b) => b.at - a.at || a.id.localeCompare(b.id));
}
