import { browser } from 'wxt/browser';
import { fetchMessages } from '@/utils/settings/messages';
import {
  LANGUAGE_KEY,
  loadUiPrefs,
  resolveLanguage,
  THEME_KEY,
  type ThemeChoice,
} from '@/utils/settings/prefs';
import { setUiLanguage, uiLocale } from './i18n';

/** light/dark set `data-theme` on <html>, which theme.css honours over prefers-color-scheme. */
export function applyTheme(theme: ThemeChoice, root: HTMLElement = document.documentElement): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

/**
 * Applies the stored language and theme to this page before it renders.
 * If the chosen language's messages cannot be read, the page keeps the
 * browser's language rather than showing keys.
 */
export async function applyUiPrefs(): Promise<void> {
  const prefs = await loadUiPrefs().catch(
    () => ({ language: 'browser', theme: 'system' }) as const,
  );
  applyTheme(prefs.theme);
  const lang = resolveLanguage(prefs.language, browser.i18n.getUILanguage());
  const messages = lang.messages
    ? await fetchMessages(lang.messages).catch(() => undefined)
    : undefined;
  setUiLanguage(lang.messages && !messages ? undefined : { locale: lang.locale, messages });
  document.documentElement.lang = uiLocale();
}

/** Calls `changed` after a new choice (made in the settings, in any tab) has been applied. */
export function watchUiPrefs(changed: () => void): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && (LANGUAGE_KEY in changes || THEME_KEY in changes))
      void applyUiPrefs().then(changed);
  });
}
