/**
 * Pure helpers for the popup's activity view: paging sizes and grouping the
 * ledger's entries (newest first) into calendar days. No Dexie, no DOM, so
 * they are unit-tested directly.
 */

/** Entries the activity view loads at a time ("Show more" adds this many). */
export const ACTIVITY_PAGE_SIZE = 50;

/** Entries the home view lists before "All activity". */
export const HOME_RECENT = 5;

/** How many entries to show after one more "Show more", never more than there are. */
export function nextShown(shown: number, total: number, page = ACTIVITY_PAGE_SIZE): number {
  return Math.min(Math.max(shown, 0) + page, Math.max(total, 0));
}

/** Whether "Show more" has anything left to show. */
export function hasMore(shown: number, total: number): boolean {
  return shown < total;
}

/** "2026-11-03" for an epoch-ms time, in the local time zone. */
export function dayKey(at: number): string {
  const d = new Date(at);
  const mm = String(d.getMonth() + 1).padStart(2, '0');
  const dd = String(d.getDate()).padStart(2, '0');
  return `${d.getFullYear()}-${mm}-${dd}`;
}

export interface DayGroup<T> {
  /** Local calendar day, "YYYY-MM-DD". */
  day: string;
  /** Epoch ms of the group's first (newest) item, for formatting the heading. */
  at: number;
  items: T[];
}

/**
 * Groups items into runs of the same local day, keeping their order (the
 * ledger's: createdAt descending). A day that comes back after another day
 * (out-of-order input) starts a new group rather than reordering anything.
 */
export function groupByDay<T>(
  items: readonly T[],
  at: (item: T) => number,
  key: (at: number) => string = dayKey,
): DayGroup<T>[] {
  const groups: DayGroup<T>[] = [];
  for (const item of items) {
    const when = at(item);
    const day = key(when);
    const last = groups[groups.length - 1];
    if (last && last.day === day) last.items.push(item);
    else groups.push({ day, at: when, items: [item] });
  }
  return groups;
}

/** Whole calendar days from `day` to `today` (both "YYYY-MM-DD"): 0 today, 1 yesterday. */
export function daysBetween(day: string, today: string): number {
  const utc = (k: string) => {
    const [y, m, d] = k.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d);
  };
  return Math.round((utc(today) - utc(day)) / 86_400_000);
}
