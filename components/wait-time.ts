/**
 * How long until the server accepts a sign-in request again, as a shopper
 * reads it: "42 seconds", "3 minutes", "2 hours" (German: "42 Sekunden",
 * "3 Minuten", "2 Stunden"). Plural forms come from Intl, never from a
 * hand-made "s". Seconds are rounded up, so it never says "0 seconds" while
 * the button is still locked.
 */
export function formatWait(seconds: number, locale: string): string {
  const s = Math.max(1, Math.ceil(seconds));
  const [value, unit] =
    s < 60
      ? [s, 'second']
      : s < 90 * 60
        ? [Math.ceil(s / 60), 'minute']
        : [Math.ceil(s / 3600), 'hour'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** Whole seconds left until `until` (ms since epoch); 0 when it has passed. */
export function secondsLeft(until: number | undefined, now: number): number {
  return until === undefined ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
}

/** A short pause after every code sent, so a double click cannot use up the hourly limit. */
export const RESEND_PAUSE_SECONDS = 30;
