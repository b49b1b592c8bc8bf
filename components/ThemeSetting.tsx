import { useEffect, useState } from 'preact/hooks';
import { saveUiPrefs, ThemeChoice } from '@/utils/settings/prefs';
import { type MessageKey, t } from './i18n';
import { useUiPrefs } from './use-ui-prefs';

const CHOICES: [ThemeChoice, MessageKey][] = [
  ['system', 'settingsThemeSystem'],
  ['light', 'settingsThemeLight'],
  ['dark', 'settingsThemeDark'],
];

/** System, light or dark: stored, and applied to every Pointpilot page (data-theme on <html>). */
export function ThemeSetting() {
  const prefs = useUiPrefs();
  // The click's choice shows at once, also through a re-render before the stored value
  // comes back (Preact sets `checked` from the props, which would briefly undo the click).
  const [picked, setPicked] = useState<ThemeChoice>();
  useEffect(() => setPicked(undefined), [prefs?.theme]);
  const shown = picked ?? prefs?.theme ?? 'system';
  return (
    <section class="card" aria-labelledby="theme-title" data-testid="theme">
      <h2 id="theme-title">{t('settingsThemeTitle')}</h2>
      <fieldset class="stack">
        <legend class="sr-only">{t('settingsThemeLegend')}</legend>
        {CHOICES.map(([value, label]) => (
          <label key={value}>
            <input
              type="radio"
              name="theme"
              value={value}
              checked={shown === value}
              disabled={!prefs}
              onChange={() => {
                setPicked(value);
                void saveUiPrefs({ theme: ThemeChoice.parse(value) });
              }}
            />
            {t(label)}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
