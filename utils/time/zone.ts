/**
 * Wall-clock arithmetic in an IANA time zone with nothing but Intl (no
 * Temporal, no tz database of our own). Every function takes the zone as an
 * argument, so callers pass the user's current one and a zone change or a DST
 * shift is just a different answer, never stale state.
 */

/** The zone the browser runs in now ("Europe/Berlin"); UTC when the engine does not say. */
export function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export interface WallClock {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  /** 0–23 */
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    const opts: Intl.DateTimeFormatOptions = {
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    };
    try {
      f = new Intl.DateTimeFormat('en-US', { ...opts, timeZone });
    } catch {
      // An unknown zone name (a stale or mistyped setting): UTC rather than a crash.
      f = new Intl.DateTimeFormat('en-US', { ...opts, timeZone: 'UTC' });
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** What a clock on the wall in `timeZone` shows at epoch ms `at`. */
export function wallClock(at: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(at)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    // Some engines print midnight as 24 even with h23.
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The local calendar day, "2026-03-29"; sorts as a string. */
export function localDay(at: number, timeZone: string): string {
  const w = wallClock(at, timeZone);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

/** Minutes since local midnight, 0–1439. */
export function minuteOfDay(at: number, timeZone: string): number {
  const w = wallClock(at, timeZone);
  return w.hour * 60 + w.minute;
}

/** The zone's offset from UTC at `at`, in ms (Berlin in summer: +7,200,000). */
export function zoneOffset(at: number, timeZone: string): number {
  const w = wallClock(at, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - (at - (((at % 1000) + 1000) % 1000));
}

/**
 * The same wall-clock time `days` calendar days later in `timeZone`: 14 days
 * after 23:30 on the day before a DST change is 23:30 again (13 days and 23
 * or 25 hours), so the date a shopper reads never slips to the next day.
 * A time that does not exist that day (the spring-forward gap) moves by the
 * gap, as a wall clock would.
 */
export function addLocalDays(at: number, days: number, timeZone: string): number {
  const w = wallClock(at, timeZone);
  const ms = ((at % 1000) + 1000) % 1000;
  const target = Date.UTC(w.year, w.month - 1, w.day + days, w.hour, w.minute, w.second, ms);
  // Two rounds find the instant whose wall clock is `target`, on either side of a shift.
  let guess = target - zoneOffset(target, timeZone);
  guess = target - zoneOffset(guess, timeZone);
  return guess;
}
