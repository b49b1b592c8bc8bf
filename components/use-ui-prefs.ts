import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { LANGUAGE_KEY, loadUiPrefs, THEME_KEY, type UiPrefs } from '@/utils/settings/prefs';

/** The stored language and theme choices, kept current (another tab may change them). */
export function useUiPrefs(): UiPrefs | undefined {
  const [prefs, setPrefs] = useState<UiPrefs>();
  useEffect(() => {
    const reload = () => void loadUiPrefs().then(setPrefs);
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && (LANGUAGE_KEY in changes || THEME_KEY in changes)) reload();
    };
    reload();
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
  return prefs;
}
