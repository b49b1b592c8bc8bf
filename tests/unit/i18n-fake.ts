import { readFileSync } from 'node:fs';
import { fakeBrowser } from 'wxt/testing';

export type Messages = Record<
  string,
  { message: string; placeholders?: Record<string, { content: string }> }
>;

export const loadMessages = (locale: string): Messages =>
  JSON.parse(readFileSync(`public/_locales/${locale}/messages.json`, 'utf8')) as Messages;

/** browser.i18n for one locale, substituting placeholders the way the browsers do. */
export function useLocale(locale: 'en' | 'de'): Messages {
  const msgs = loadMessages(locale);
  const i18n = fakeBrowser.i18n as unknown as Record<string, unknown>;
  i18n.getUILanguage = () => locale;
  i18n.getMessage = (key: string, subs: string[] = []) => {
    const m = msgs[key];
    if (!m) return '';
    return m.message.replace(/\$(\w+)\$/g, (_, name: string) => {
      const content = m.placeholders?.[name.toLowerCase()]?.content ?? '';
      return content.replace(/\$(\d)/g, (_x, n: string) => subs[Number(n) - 1] ?? '');
    });
  };
  return msgs;
}
