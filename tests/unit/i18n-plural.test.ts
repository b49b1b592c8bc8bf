import { describe, expect, it } from 'vitest';
import { pointsText, t, tPlural } from '../../components/i18n';
import { useLocale } from './i18n-fake';

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
