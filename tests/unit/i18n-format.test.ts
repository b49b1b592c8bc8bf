import { describe, expect, it } from 'vitest';
import {
  formatPoints,
  pointsText,
  rateText,
  syncedAgoText,
  t,
  unsentText,
} from '../../components/i18n';
import { recordedText } from '../../entrypoints/partner.content/notice';
import { useLocale } from './i18n-fake';

const NOW = Date.UTC(2025, 2, 4, 13, 2); // 4 March 2025, 13:02 UTC
const MIN = 60_000;

describe('numbers and plurals, English', () => {
  it('points and counts follow the plural rules and the English number format', () => {
    useLocale('en');
    expect(pointsText(1)).toBe('1 point');
    expect(pointsText(2)).toBe('2 points');
    expect(pointsText(0)).toBe('0 points');
    expect(pointsText(-1)).toBe('-1 point');
    expect(pointsText(12345)).toBe('12,345 points');
    expect(formatPoints(0.5)).toBe('0.5');
    expect(unsentText(1)).toBe('1 purchase not sent yet');
    expect(unsentText(3)).toBe('3 purchases not sent yet');
  });

  it('earn rates: "1 point per €", "0.5 points per €"', () => {
    useLocale('en');
    expect(rateText(1, 'EUR')).toBe('1 point per €');
    expect(rateText(2, 'EUR')).toBe('2 points per €');
    expect(rateText(0.5, 'EUR')).toBe('0.5 points per €');
    expect(rateText(1.5, 'CHF')).toBe('1.5 points per CHF');
    expect(t('siteEarns', 'Demo Shop', rateText(1, 'EUR'))).toBe(
      'Demo Shop — you collect 1 point per € here',
    );
  });

  it('last sync: just now, minutes and hours ago, then a date', () => {
    useLocale('en');
    expect(syncedAgoText(NOW - 20_000, NOW)).toBe('Synced just now.');
    expect(syncedAgoText(NOW + 5_000, NOW)).toBe('Synced just now.'); // clock skew
    expect(syncedAgoText(NOW - MIN, NOW)).toBe('Last synced 1 minute ago.');
    expect(syncedAgoText(NOW - 5 * MIN, NOW)).toBe('Last synced 5 minutes ago.');
    expect(syncedAgoText(NOW - 60 * MIN, NOW)).toBe('Last synced 1 hour ago.');
    expect(syncedAgoText(NOW - 3 * 60 * MIN - 7 * MIN, NOW)).toBe('Last synced 3 hours ago.');
    expect(syncedAgoText(NOW - 2 * 24 * 60 * MIN, NOW)).toMatch(
      /^Last synced on Mar 2, 2025 at \d{1,2}:\d\d\s?[AP]M\.$/,
    );
  });

  it('the on-page notice: an estimate, pending, with the usual confirmation time', () => {
    useLocale('en');
    expect(recordedText(61, 'Demo Shop', 14)).toBe(
      'Pointpilot: about 61 points pending from Demo Shop, usually confirmed within 14 days.',
    );
    expect(recordedText(1, 'Demo Shop', 14)).toContain('about 1 point pending');
    expect(recordedText(1090, 'Demo Shop', 30)).toContain('about 1,090 points');
    expect(recordedText(5, 'Demo Shop', 1)).toContain('within 1 day.');
    expect(recordedText(0, 'Demo Shop', 14)).toBe(
      'Pointpilot: order noted. Demo Shop sets its points when it confirms the order.',
    );
  });
});

describe('numbers and plurals, German', () => {
  it('points and counts follow the plural rules and the German number format', () => {
    useLocale('de');
    expect(pointsText(1)).toBe('1 Punkt');
    expect(pointsText(2)).toBe('2 Punkte');
    expect(pointsText(0)).toBe('0 Punkte');
    expect(pointsText(12345)).toBe('12.345 Punkte');
    expect(pointsText(0.5)).toBe('0,5 Punkte');
    expect(unsentText(1)).toBe('1 Einkauf noch nicht übertragen');
    expect(unsentText(2)).toBe('2 Einkäufe noch nicht übertragen');
  });

  it('earn rates: "1 Punkt pro €", "0,5 Punkte pro €", never "0.5"', () => {
    useLocale('de');
    expect(rateText(1, 'EUR')).toBe('1 Punkt pro €');
    expect(rateText(2, 'EUR')).toBe('2 Punkte pro €');
    expect(rateText(0.5, 'EUR')).toBe('0,5 Punkte pro €');
    expect(rateText(1.5, 'EUR')).toBe('1,5 Punkte pro €');
    expect(rateText(0.5, 'EUR')).not.toContain('0.5');
    expect(t('siteEarns', 'Kaffee & Kanne', rateText(2, 'EUR'))).toBe(
      'Kaffee & Kanne – hier sammelst du 2 Punkte pro €',
    );
  });

  it('last sync in German: "Gerade synchronisiert", "vor 5 Minuten", "am … um …"', () => {
    useLocale('de');
    expect(syncedAgoText(NOW - 1_000, NOW)).toBe('Gerade synchronisiert.');
    expect(syncedAgoText(NOW - MIN, NOW)).toBe('Zuletzt synchronisiert vor 1 Minute.');
    expect(syncedAgoText(NOW - 5 * MIN, NOW)).toBe('Zuletzt synchronisiert vor 5 Minuten.');
    expect(syncedAgoText(NOW - 60 * MIN, NOW)).toBe('Zuletzt synchronisiert vor 1 Stunde.');
    expect(syncedAgoText(NOW - 5 * 60 * MIN, NOW)).toBe('Zuletzt synchronisiert vor 5 Stunden.');
    expect(syncedAgoText(NOW - 2 * 24 * 60 * MIN, NOW)).toMatch(
      /^Zuletzt synchronisiert am 02\.03\.2025 um \d\d:\d\d\.$/,
    );
    for (const ago of [0, 30_000, 5 * MIN, 3 * 60 * MIN]) {
      expect(syncedAgoText(NOW - ago, NOW)).not.toMatch(/jetzt|now/i);
    }
  });

  it('the on-page notice, in German', () => {
    useLocale('de');
    expect(recordedText(61, 'Demo Shop', 14)).toBe(
      'Pointpilot: Vorgemerkt bei Demo Shop: etwa 61 Punkte – meist innerhalb von 14 Tagen bestätigt.',
    );
    expect(recordedText(1, 'Demo Shop', 14)).toContain('etwa 1 Punkt –');
    expect(recordedText(1090, 'Demo Shop', 14)).toContain('1.090 Punkte');
    expect(recordedText(5, 'Demo Shop', 1)).toContain('innerhalb von 1 Tag bestätigt');
    expect(recordedText(0, 'Demo Shop', 14)).toBe(
      'Pointpilot: Bestellung erfasst. Die Punkte legt Demo Shop bei der Bestätigung fest.',
    );
  });
});
