import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';

/**
 * A settings value kept in storage.local under `key`, read through `parse`
 * (which turns anything stored into a valid value), following changes made
 * in another tab. `save` writes at once; `saved` turns true after a write.
 * The value is undefined until first read.
 */
export function useStored<T>(key: string, parse: (raw: unknown) => T) {
  const [value, setValue] = useState<T>();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    let live = true;
    void browser.storage.local.get(key).then((r) => live && setValue(parse(r[key])));
    const changed = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && key in changes) setValue(parse(changes[key]?.newValue));
    };
    browser.storage.onChanged.addListener(changed);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(changed);
    };
  }, [key, parse]);
  const save = async (next: T) => {
    setValue(next);
    setSaved(false);
    await browser.storage.local.set({ [key]: next });
    setSaved(true);
  };
  return { value, save, saved };
}
