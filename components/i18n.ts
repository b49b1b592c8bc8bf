import { browser } from 'wxt/browser';
import type { PageReply } from '@/utils/messaging';
import type en from '../public/_locales/en/messages.json';

/** Every user-facing string has a key in public/_locales/en (the source of truth). */
export type MessageKey = keyof typeof en;

export function t(key: MessageKey, ...subs: (string | number)[]): string {
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

/** The browser's UI language, for number, date and currency formatting. */
export function uiLocale(): string {
  return browser.i18n.getUILanguage() || 'en';
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
