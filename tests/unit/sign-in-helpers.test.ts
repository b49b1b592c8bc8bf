import { describe, expect, it } from 'vitest';
import { partnerSites, partnerSiteUrl } from '@/components/partner-sites';
import { formatWait, secondsLeft } from '@/components/wait-time';
import { retryAfterSeconds } from '@/utils/api/client';

describe('formatWait', () => {
  it('says seconds, minutes, hours with the plural rules of en and de', () => {
    expect(formatWait(1, 'en')).toBe('1 second');
    expect(formatWait(30, 'en')).toBe('30 seconds');
    expect(formatWait(30, 'de')).toBe('30 Sekunden');
    expect(formatWait(1, 'de')).toBe('1 Sekunde');
    expect(formatWait(61, 'en')).toBe('2 minutes');
    expect(formatWait(60, 'de')).toBe('1 Minute');
    expect(formatWait(3599, 'de')).toBe('60 Minuten');
    expect(formatWait(4 * 3600, 'de')).toBe('4 Stunden');
    expect(formatWait(86_400, 'en')).toBe('24 hours');
  });
  it('never says zero while the wait lasts (rounds up)', () => {
    expect(formatWait(0.2, 'en')).toBe('1 second');
    expect(formatWait(0, 'de')).toBe('1 Sekunde');
  });
});

describe('secondsLeft', () => {
  it('counts whole seconds up, 0 when over or unset', () => {
    expect(secondsLeft(undefined, 1000)).toBe(0);
    expect(secondsLeft(1000, 2000)).toBe(0);
    expect(secondsLeft(31_000, 1_500)).toBe(30);
    expect(secondsLeft(31_000, 1_000)).toBe(30);
  });
});

describe('retryAfterSeconds', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(retryAfterSeconds('120')).toBe(120);
    expect(retryAfterSeconds(' 5 ')).toBe(5);
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(retryAfterSeconds('Tue, 01 Dec 2026 10:01:30 GMT', now)).toBe(90);
    expect(retryAfterSeconds('Tue, 01 Dec 2026 09:00:00 GMT', now)).toBe(0);
  });
  it('is undefined when absent or unreadable', () => {
    expect(retryAfterSeconds(null)).toBeUndefined();
    expect(retryAfterSeconds('')).toBeUndefined();
    expect(retryAfterSeconds('soon')).toBeUndefined();
  });
});

describe('partner sites for the last onboarding screen', () => {
  it('links named hosts over https, not bare addresses', () => {
    expect(partnerSiteUrl('Kaffee-Kanne.de')).toBe('https://kaffee-kanne.de/');
    expect(partnerSiteUrl('127.0.0.1')).toBeUndefined();
    expect(partnerSiteUrl('localhost')).toBeUndefined();
    expect(partnerSiteUrl('[::1]')).toBeUndefined();
  });
  it('lists only enabled partners, by name', () => {
    const partners = [
      { id: 'b', name: 'Zebra', domains: ['zebra.de', 'zebra.at'] },
      { id: 'a', name: 'Apfel', domains: ['127.0.0.1'] },
      { id: 'c', name: 'Off', domains: ['off.de'] },
    ];
    expect(partnerSites(partners, new Set(['a', 'b']))).toEqual([
      { id: 'a', name: 'Apfel', sites: [{ domain: '127.0.0.1', url: undefined }] },
      {
        id: 'b',
        name: 'Zebra',
        sites: [
          { domain: 'zebra.de', url: 'https://zebra.de/' },
          { domain: 'zebra.at', url: 'https://zebra.at/' },
        ],
      },
    ]);
  });
});
