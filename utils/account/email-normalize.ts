/**
 * One person's mailbox, whatever spelling of it they sign up with: the key
 * referrals use to tell "a new member" from "the same person under another
 * address". Not used to deliver mail (codes go to the address as typed).
 *
 * - The whole address is lower-cased (local parts are case-insensitive at
 *   every provider that matters).
 * - A `+tag` is dropped at every domain: plus-addressing delivers to the same
 *   inbox at Gmail, Outlook/Hotmail, iCloud, Fastmail, Proton, GMX and most
 *   others; where it does not, the worst case is a referral bonus refused.
 * - Dots in the local part are dropped only where the provider ignores them
 *   (DOT_BLIND_DOMAINS: Gmail), and googlemail.com is gmail.com. Other
 *   providers treat `j.doe` and `jdoe` as two mailboxes.
 *
 * The SQL back-fill in server/db/migrations/010_referrals_plans.ts follows
 * the same rules for members from before it.
 */

/** Providers whose mailboxes ignore dots in the local part. */
export const DOT_BLIND_DOMAINS: ReadonlySet<string> = new Set(['gmail.com', 'googlemail.com']);

/** Domains that are another name of one mailbox provider. */
export const DOMAIN_ALIASES: Readonly<Record<string, string>> = { 'googlemail.com': 'gmail.com' };

export function normalizeEmail(email: string): string {
  const lower = email.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at <= 0 || at === lower.length - 1) return lower;
  let local = lower.slice(0, at);
  const domain = lower.slice(at + 1);
  const plus = local.indexOf('+');
  // "+tag@x" alone is a mailbox of its own, not a tag: keep it.
  if (plus > 0) local = local.slice(0, plus);
  if (DOT_BLIND_DOMAINS.has(domain)) {
    const undotted = local.replaceAll('.', '');
    if (undotted !== '') local = undotted;
  }
  return `${local}@${DOMAIN_ALIASES[domain] ?? domain}`;
}
