import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import {
  formatPoints,
  pointsText,
  rateText,
  setUiLanguage,
  t,
  uiLocale,
} from '../../components/i18n';
import { applyTheme } from '../../components/ui-prefs';
import { formatMessage } from '../../utils/settings/messages';
import {
  LanguageChoice,
  loadUiPrefs,
  resolveLanguage,
  saveUiPrefs,
  ThemeChoice,
  UI_LANGUAGES,
} from '../../utils/settings/prefs';
import { loadMessages, useLocale } from './i18n-fake';

describe('resolveLanguage', () => {
  it('follows the browser by default and loads nothing', () => {
    expect(resolveLanguage('browser', 'de-AT')).toEqual({ locale: 'de-AT' });
    expect(resolveLanguage('browser', '')).toEqual({ locale: 'en' });
  });

  it('an explicit choice loads its messages and formats in that language', () => {
    expect(resolveLanguage('de', 'en-US')).toEqual({ locale: 'de', messages: 'de' });
    expect(resolveLanguage('en', 'de-DE')).toEqual({ locale: 'en', messages: 'en' });
  });

  it('keeps the browser region when the chosen language is the browser language', () => {
    expect(resolveLanguage('de', 'de-AT')).toEqual({ locale: 'de-AT', messages: 'de' });
    expect(resolveLanguage('en', 'en_GB')).toEqual({ locale: 'en_GB', messages: 'en' });
  });

  it('anything unreadable in storage is the default', async () => {
    expect(LanguageChoice.parse('fr')).toBe('browser');
    expect(LanguageChoice.parse(undefined)).toBe('browser');
    expect(ThemeChoice.parse({ dark: true })).toBe('system');
    expect(await loadUiPrefs()).toEqual({ language: 'browser', theme: 'system' });
    await saveUiPrefs({ language: 'de' });
    await saveUiPrefs({ theme: 'dark' });
    expect(await loadUiPrefs()).toEqual({ language: 'de', theme: 'dark' });
  });

  it('offers exactly the bundled locales', () => {
    expect([...UI_LANGUAGES].sort()).toEqual(readdirSync('public/_locales').sort());
  });
});

describe('formatMessage', () => {
  it('substitutes like browser.i18n for every message of every locale', () => {
    for (const locale of UI_LANGUAGES) {
      const msgs = useLocale(locale);
      const subs = ['A1', 'B2', 'C3', 'D4', 'E5'];
      for (const key of Object.keys(msgs)) {
        const entry = msgs[key];
        if (!entry) continue;
        expect(formatMessage(entry, subs), `${locale} ${key}`).toBe(
          fakeBrowser.i18n.getMessage(key, subs),
        );
      }
    }
  });

  it('handles direct $1, $$ and case-insensitive placeholder names', () => {
    expect(formatMessage({ message: 'costs $$$1' }, ['5'])).toBe('costs $5');
    expect(
      formatMessage({ message: '$Count$ x', placeholders: { COUNT: { content: '$2' } } }, [
        'a',
        'b',
      ]),
    ).toBe('b x');
  });
});

describe('t() with a language chosen in the settings', () => {
  it('speaks the chosen language and formats numbers in it, whatever the browser says', () => {
    useLocale('en');
    setUiLanguage({ locale: 'de', messages: loadMessages('de') });
    try {
      expect(uiLocale()).toBe('de');
      expect(t('popupTitle')).toBe('Deine Punkte');
      expect(pointsText(1)).toBe('1 Punkt');
      expect(formatPoints(1234.5)).toBe('1.234,5');
      expect(rateText(0.5, 'EUR')).toBe('0,5 Punkte pro €');
    } finally {
      setUiLanguage(undefined);
    }
    expect(t('popupTitle')).toBe('Your points');
    expect(uiLocale()).toBe('en');
  });
});

describe('applyTheme', () => {
  it('sets data-theme for light and dark, and removes it for the system', () => {
    const root = { dataset: {} as Record<string, string> } as unknown as HTMLElement;
    applyTheme('dark', root);
    expect(root.dataset.theme).toBe('dark');
    applyTheme('light', root);
    expect(root.dataset.theme).toBe('light');
    applyTheme('system', root);
    expect(root.dataset.theme).toBeUndefined();
  });
});
