import { browser } from 'wxt/browser';
import { z } from 'zod';
import { STORAGE_KEYS } from '../storage-keys';

/** The languages the extension ships (public/_locales; a unit test keeps the two in step). */
export const UI_LANGUAGES = ['en', 'de'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** "browser": follow the browser's language (the default). */
export const LanguageChoice = z.enum(['browser', ...UI_LANGUAGES]).catch('browser');
export type LanguageChoice = z.infer<typeof LanguageChoice>;

/** "system": follow the operating system's light or dark setting (the default). */
export const ThemeChoice = z.enum(['system', 'light', 'dark']).catch('system');
export type ThemeChoice = z.infer<typeof ThemeChoice>;

export const LANGUAGE_KEY = STORAGE_KEYS.uiLanguage;
export const THEME_KEY = STORAGE_KEYS.uiTheme;

export interface UiPrefs {
  language: LanguageChoice;
  theme: ThemeChoice;
}

/** What the pages need to apply a language choice. */
export interface ResolvedLanguage {
  /** BCP 47 tag for Intl and <html lang>. */
  locale: string;
  /** The bundled messages to use instead of browser.i18n's (which cannot switch at runtime). */
  messages?: UiLanguage;
}

/**
 * Pure: the language to show. Following the browser needs nothing loaded.
 * An explicit choice loads that language's messages; its formatting keeps
 * the browser's region when the languages match ("de-AT" stays "de-AT"),
 * else it is the plain language ("de").
 */
export function resolveLanguage(choice: LanguageChoice, browserUi: string): ResolvedLanguage {
  const ui = browserUi || 'en';
  if (choice === 'browser') return { locale: ui };
  const sameLanguage = ui.toLowerCase().split(/[-_]/)[0] === choice;
  return { locale: sameLanguage ? ui : choice, messages: choice };
}

/** Stored choices; anything unreadable counts as the default. */
export async function loadUiPrefs(): Promise<UiPrefs> {
  const raw = await browser.storage.local.get([LANGUAGE_KEY, THEME_KEY]);
  return {
    language: LanguageChoice.parse(raw[LANGUAGE_KEY]),
    theme: ThemeChoice.parse(raw[THEME_KEY]),
  };
}

export async function saveUiPrefs(patch: Partial<UiPrefs>): Promise<void> {
  const set: Record<string, string> = {};
  if (patch.language) set[LANGUAGE_KEY] = patch.language;
  if (patch.theme) set[THEME_KEY] = patch.theme;
  await browser.storage.local.set(set);
}
