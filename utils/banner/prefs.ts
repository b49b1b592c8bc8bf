import { z } from 'zod';

/**
 * What the shopper chose about the on-site banner (storage.local,
 * STORAGE_KEYS.bannerPrefs), and where it was dismissed. `.catch` on every
 * field: a missing or broken value takes its default and never hides the
 * banner for good by accident.
 */

/** How long a dismissed banner stays away for that partner, in days. */
export const DISMISS_DAYS = [1, 7, 30] as const;
export type DismissDays = (typeof DISMISS_DAYS)[number];

const DAY_MS = 86_400_000;
/** Sites kept in "never show"; the oldest drop out beyond this. */
export const NEVER_SITES_MAX = 500;

export const BannerPrefs = z.object({
  /** Off: no banner anywhere (purchases are still collected on enabled partners). */
  show: z.boolean().catch(true),
  dismissDays: z
    .number()
    .refine((d): d is DismissDays => (DISMISS_DAYS as readonly number[]).includes(d))
    .catch(7),
  /** Partner id → when its banner was last dismissed (epoch ms). */
  dismissed: z.record(z.string().max(100), z.number()).catch({}),
  /** Host names (as the address bar shows them) where the banner never shows. */
  neverSites: z.array(z.string().min(1).max(253)).max(NEVER_SITES_MAX).catch([]),
});
export type BannerPrefs = z.infer<typeof BannerPrefs>;
export const DEFAULT_BANNER_PREFS: BannerPrefs = BannerPrefs.parse({});

export const parseBannerPrefs = (v: unknown): BannerPrefs =>
  BannerPrefs.catch(DEFAULT_BANNER_PREFS).parse(v ?? {});

export type BannerHidden = 'off' | 'never' | 'dismissed';

/**
 * Whether the banner stays away on `host` of partner `partnerId` at `now`,
 * and why. A dismissal "in the future" (the clock was set back) no longer
 * counts: the banner shows again rather than stay away for years.
 */
export function bannerHidden(
  prefs: BannerPrefs,
  partnerId: string,
  host: string,
  now: number,
): BannerHidden | null {
  if (!prefs.show) return 'off';
  if (prefs.neverSites.includes(host)) return 'never';
  const at = prefs.dismissed[partnerId];
  if (at !== undefined && at <= now && now - at < prefs.dismissDays * DAY_MS) return 'dismissed';
  return null;
}

/** The prefs after dismissing `partnerId`'s banner (`never`: for `host`, for good). */
export function dismissed(
  prefs: BannerPrefs,
  partnerId: string,
  host: string,
  now: number,
  never: boolean,
): BannerPrefs {
  if (never) {
    const sites = [...prefs.neverSites.filter((s) => s !== host), host];
    return { ...prefs, neverSites: sites.slice(-NEVER_SITES_MAX) };
  }
  return { ...prefs, dismissed: { ...prefs.dismissed, [partnerId]: now } };
}
