import { browser } from 'wxt/browser';
import { type LanguageChoice, saveUiPrefs, UI_LANGUAGES } from '@/utils/settings/prefs';
import { t, uiLocale } from './i18n';
import { useUiPrefs } from './use-ui-prefs';

/** A language's own name ("Deutsch"), or in the UI language when `inLocale` is given. */
const languageName = (code: string, inLocale = code) =>
  new Intl.DisplayNames([inLocale], { type: 'language' }).of(code) ?? code;

/**
 * Follows the browser unless the user picks a language. The choice is
 * stored; every open Pointpilot page switches (components/ui-prefs.ts).
 */
export function LanguageSetting() {
  const prefs = useUiPrefs();
  const browserLanguage = (browser.i18n.getUILanguage() || 'en').split(/[-_]/)[0] ?? 'en';
  return (
    <section class="card stack" aria-labelledby="language-title" data-testid="language">
      <h2 id="language-title">{t('settingsLanguageTitle')}</h2>
      <label>
        {t('settingsLanguageLabel')}
        <select
          name="language"
          value={prefs?.language ?? 'browser'}
          disabled={!prefs}
          onChange={(e) => void saveUiPrefs({ language: e.currentTarget.value as LanguageChoice })}
        >
          <option value="browser">
            {t('settingsLanguageBrowser', languageName(browserLanguage, uiLocale()))}
          </option>
          {UI_LANGUAGES.map((code) => (
            <option key={code} value={code} lang={code}>
              {languageName(code)}
            </option>
          ))}
        </select>
      </label>
      <p class="muted">{t('settingsLanguageHelp')}</p>
    </section>
  );
}
