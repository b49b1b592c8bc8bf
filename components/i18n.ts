import { browser } from 'wxt/browser';
import type { PageReply } from '@/utils/messaging';
import { formatMessage, type Messages } from '@/utils/settings/messages';
import type en from '../public/_locales/en/messages.json';

/** Every user-facing string has a key in public/_locales/en (the source of truth). */
export type MessageKey = keyof typeof en;

/**
 * The language chosen in the settings, when it is not the browser's.
 * browser.i18n always answers in the browser's language, so a page that
 * applies a choice (components/ui-prefs.ts) sets the bundled messages here.
 */
let chosen: { locale: string; messages?: Messages } | undefined;

/** Sets (or with undefined, clears) the page's language choice; the next render uses it. */
export function setUiLanguage(next: { locale: string; messages?: Messages } | undefined): void {
  chosen = next;
}

export function t(key: MessageKey, ...subs: (string | number)[]): string {
  const entry = chosen?.messages?.[key];
  if (entry) return formatMessage(entry, subs.map(String)) || key;
  return browser.i18n.getMessage(key, subs.map(String)) || key;
}

/** Message keys that come as a pair `<base>One` / `<base>Other`, for counted phrases. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer B}One`
    ? `${B}Other` extends MessageKey
      ? B
      : never
    : never;
}[MessageKey];

/**
 * The phrase for `count` in the UI language: `<base>One` where its plural
 * rules say "one" (1 in English and German), else `<base>Other`.
 */
export function tPlural(base: PluralKey, count: number, ...subs: (string | number)[]): string {
  const form = new Intl.PluralRules(uiLocale()).select(count) === 'one' ? 'One' : 'Other';
  return t(`${base}${form}`, ...subs);
}

/** "109 points", "1 point", in the UI language. */
export function pointsText(points: number): string {
  return tPlural('pointsCount', points, formatPoints(points));
}

/**
 * An earn rate, "1 point per €", "0.5 points per €", "0,5 Punkte pro €": the
 * number in the UI's format, the noun by the plural rules for that number.
 */
export function rateText(pointsPerUnit: number, currency: string): string {
  return tPlural('earnRate', pointsPerUnit, formatPoints(pointsPerUnit), currencySymbol(currency));
}

/** "1 purchase not sent yet", "2 Einkäufe noch nicht übertragen". */
export function unsentText(count: number): string {
  return tPlural('syncUnsent', count, formatPoints(count));
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * When the last sync was, as a sentence: "Synced just now." under a minute,
 * "Last synced 5 minutes ago." / "Zuletzt synchronisiert vor 5 Minuten."
 * within a day (Intl.RelativeTimeFormat), else "… on <date> at <time>.".
 * `at` is the epoch ms of the sync.
 */
export function syncedAgoText(at: number, now: number = Date.now()): string {
  const ago = Math.max(0, now - at);
  if (ago < MINUTE) return t('syncJustNow');
  if (ago < 24 * HOUR) {
    const rtf = new Intl.RelativeTimeFormat(uiLocale(), { numeric: 'always' });
    const phrase =
      ago < HOUR
        ? rtf.format(-Math.floor(ago / MINUTE), 'minute')
        : rtf.format(-Math.floor(ago / HOUR), 'hour');
    return t('syncLast', phrase);
  }
  const date = new Intl.DateTimeFormat(uiLocale(), { dateStyle: 'medium' }).format(at);
  const time = new Intl.DateTimeFormat(uiLocale(), { timeStyle: 'short' }).format(at);
  return t('syncLastOn', date, time);
}

/** The UI language (the settings' choice, else the browser's), for number, date and currency formatting. */
export function uiLocale(): string {
  return chosen?.locale || browser.i18n.getUILanguage() || 'en';
}

export function formatLocalMoney(minor: number, currency: string, exponent: number): string {
  return new Intl.NumberFormat(uiLocale(), { style: 'currency', currency }).format(
    minor / 10 ** exponent,
  );
}

export function formatPoints(points: number): string {
  return new Intl.NumberFormat(uiLocale()).format(points);
}

/** "€" for EUR, "CHF" for CHF … as the UI language writes it. */
export function currencySymbol(currency: string): string {
  const parts = new Intl.NumberFormat(uiLocale(), {
    style: 'currency',
    currency,
    currencyDisplay: 'narrowSymbol',
  }).formatToParts(0);
  return parts.find((p) => p.type === 'currency')?.value ?? currency;
}

/** The user-facing text of a failed request: the translated error, plus the server's words if any. */
export function replyError(reply: Extract<PageReply, { ok: false }>): string {
  return reply.detail ? `${t(reply.error)} (${reply.detail})` : t(reply.error);
}
