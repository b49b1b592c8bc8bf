import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { pointsText, t, tPlural } from '../../components/i18n';

type Messages = Record<
  string,
  { message: string; placeholders?: Record<string, { content: string }> }
>;

/** browser.i18n for one locale, substituting placeholders the way the browsers do. */
function useLocale(locale: 'en' | 'de') {
  const msgs = JSON.parse(
    readFileSync(`public/_locales/${locale}/messages.json`, 'utf8'),
  ) as Messages;
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
}

describe('tPlural', () => {
  it('English: one and other', () => {
    useLocale('en');
    expect(tPlural('signOutUnsent', 1, '1')).toBe('1 purchase has not reached the server yet:');
    expect(tPlural('signOutUnsent', 3, '3')).toBe('3 purchases have not reached the server yet:');
    expect(pointsText(1)).toBe('1 point');
    expect(pointsText(0)).toBe('0 points');
    expect(pointsText(1090)).toBe('1,090 points');
    expect(t('signOutUnsentItem', 'PP-100123', 'Demo Shop', pointsText(109))).toBe(
      'Order PP-100123 at Demo Shop, 109 points',
    );
  });

  it('German: one and other, German number format', () => {
    useLocale('de');
    expect(tPlural('signOutUnsent', 1, '1')).toBe(
      '1 Einkauf ist noch nicht beim Server angekommen:',
    );
    expect(tPlural('signOutUnsent', 2, '2')).toBe(
      '2 Einkäufe sind noch nicht beim Server angekommen:',
    );
    expect(pointsText(1)).toBe('1 Punkt');
    expect(pointsText(1090)).toBe('1.090 Punkte');
    expect(t('signOutUnsentItemNoPartner', 'PP-100123', pointsText(109))).toBe(
      'Bestellung PP-100123, 109 Punkte',
    );
  });
});
