import { browser } from 'wxt/browser';
import type { UiLanguage } from './prefs';

/** One entry of a _locales/<lang>/messages.json. */
export interface MessageEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}
export type Messages = Record<string, MessageEntry>;

const substitute = (text: string, subs: readonly string[]) =>
  text.replace(/\$(\$|[1-9])/g, (_, x: string) => (x === '$' ? '$' : (subs[Number(x) - 1] ?? '')));

/**
 * A message with its substitutions, as browser.i18n.getMessage does it:
 * `$NAME$` becomes the named placeholder's content (names are
 * case-insensitive), `$1`…`$9` the substitutions, `$$` a dollar sign.
 */
export function formatMessage(entry: MessageEntry, subs: readonly string[] = []): string {
  const named = new Map(
    Object.entries(entry.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]),
  );
  return entry.message.replace(/\$(\$|[1-9]|[A-Za-z0-9_@]+\$)/g, (_, x: string) => {
    if (x === '$') return '$';
    if (/^[1-9]$/.test(x)) return subs[Number(x) - 1] ?? '';
    return substitute(named.get(x.slice(0, -1).toLowerCase()) ?? '', subs);
  });
}

/** The bundled messages of one language (the same file browser.i18n reads). */
export async function fetchMessages(lang: UiLanguage): Promise<Messages> {
  // The path is one of UI_LANGUAGES: no user text reaches the URL.
  const url = browser.runtime.getURL(`/_locales/${lang}/messages.json`);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`messages for ${lang}: ${res.status}`);
  return (await res.json()) as Messages;
}
