import { describe, expect, it } from 'vitest';
import {
  type BannerPrefs,
  bannerHidden,
  DEFAULT_BANNER_PREFS,
  DISMISS_DAYS,
  dismissed,
  NEVER_SITES_MAX,
  parseBannerPrefs,
} from '../../utils/banner/prefs';

/**
 * The shopper's banner choices as stored. What must never happen: a broken
 * stored value that throws, or that hides the banner for good; a banner
 * that stays away longer than the shopper chose.
 */

const NOW = Date.parse('2026-11-23T12:00:00.000Z');
const DAY = 86_400_000;
const HOST = 'shop.example';
const prefs = (over: Partial<BannerPrefs> = {}): BannerPrefs => ({
  ...DEFAULT_BANNER_PREFS,
  ...over,
});

describe('parseBannerPrefs', () => {
  it('defaults: shown everywhere, dismissed for 7 days', () => {
    expect(DEFAULT_BANNER_PREFS).toEqual({
      show: true,
      dismissDays: 7,
      dismissed: {},
      neverSites: [],
    });
    expect(DISMISS_DAYS).toContain(DEFAULT_BANNER_PREFS.dismissDays);
  });

  it('takes the defaults for a missing or wholly broken value, never throwing', () => {
    for (const v of [undefined, null, '', 'show', 0, 42, true, [], [1, 2], () => 1, Symbol('x')]) {
      expect(parseBannerPrefs(v), String(typeof v)).toEqual(DEFAULT_BANNER_PREFS);
    }
  });

  it('keeps good fields and takes the default for each broken one', () => {
    const stored = {
      show: false,
      dismissDays: 30,
      dismissed: { 'demo-shop': NOW },
      neverSites: [HOST],
    };
    expect(parseBannerPrefs(stored)).toEqual(stored);
    expect(parseBannerPrefs({ ...stored, dismissDays: 2 })).toEqual({ ...stored, dismissDays: 7 });
    expect(parseBannerPrefs({ ...stored, show: 'false' }).show).toBe(true);
    expect(parseBannerPrefs({ ...stored, show: null }).show).toBe(true);
    expect(parseBannerPrefs({ ...stored, neverSites: 'shop.example' }).neverSites).toEqual([]);
    expect(parseBannerPrefs({ ...stored, dismissed: [NOW] }).dismissed).toEqual({});
    expect(
      parseBannerPrefs({ ...stored, dismissed: { 'demo-shop': 'yesterday' } }).dismissed,
    ).toEqual({});
  });

  it('allows only the offered dismiss periods', () => {
    for (const d of DISMISS_DAYS) expect(parseBannerPrefs({ dismissDays: d }).dismissDays).toBe(d);
    for (const d of [2, 0, -1, -7, 7.5, 365, Number.NaN, Number.POSITIVE_INFINITY, '7', null]) {
      expect(parseBannerPrefs({ dismissDays: d }).dismissDays, String(d)).toBe(7);
    }
  });

  it('refuses hostile hosts and keys by the schema: the default, not a throw', () => {
    const long = 'a'.repeat(300);
    expect(parseBannerPrefs({ neverSites: [HOST, long] }).neverSites).toEqual([]);
    expect(parseBannerPrefs({ neverSites: [HOST, ''] }).neverSites).toEqual([]);
    expect(parseBannerPrefs({ neverSites: [HOST, 7] }).neverSites).toEqual([]);
    expect(parseBannerPrefs({ dismissed: { [long]: NOW } }).dismissed).toEqual({});
    expect(parseBannerPrefs({ dismissed: { 'demo-shop': Number.NaN } }).dismissed).toEqual({});
    const tooMany = Array.from({ length: NEVER_SITES_MAX + 1 }, (_, i) => `s${i}.example`);
    expect(parseBannerPrefs({ neverSites: tooMany }).neverSites).toEqual([]);
  });

  it('survives U+0000, lone surrogates and __proto__ from storage without polluting anything', () => {
    const p = parseBannerPrefs(
      JSON.parse(
        '{"__proto__":{"show":false},"dismissed":{"__proto__":1},"neverSites":["a\\u0000b","\\ud800"]}',
      ),
    );
    expect(p.show).toBe(true);
    expect(({} as Record<string, unknown>).show).toBeUndefined();
    // Such an entry is stored as it came, and hides nothing on a real host.
    expect(bannerHidden(p, 'demo-shop', HOST, NOW)).toBeNull();
    expect(bannerHidden(p, 'demo-shop', 'a', NOW)).toBeNull();
  });
});

describe('bannerHidden', () => {
  it('is null by default', () => {
    expect(bannerHidden(DEFAULT_BANNER_PREFS, 'demo-shop', HOST, NOW)).toBeNull();
  });

  it("is 'off' when the banner is switched off, before any other reason", () => {
    expect(bannerHidden(prefs({ show: false, neverSites: [HOST] }), 'demo-shop', HOST, NOW)).toBe(
      'off',
    );
  });

  it("is 'never' on that host only, whatever the partner", () => {
    const p = prefs({ neverSites: [HOST] });
    expect(bannerHidden(p, 'demo-shop', HOST, NOW)).toBe('never');
    expect(bannerHidden(p, 'other-shop', HOST, NOW)).toBe('never');
    expect(bannerHidden(p, 'demo-shop', `www.${HOST}`, NOW)).toBeNull();
    expect(bannerHidden(p, 'demo-shop', 'shop.example.evil', NOW)).toBeNull();
  });

  it("is 'dismissed' for that partner within dismissDays, and shown again after", () => {
    for (const days of DISMISS_DAYS) {
      const p = prefs({ dismissDays: days, dismissed: { 'demo-shop': NOW } });
      expect(bannerHidden(p, 'demo-shop', HOST, NOW)).toBe('dismissed');
      expect(bannerHidden(p, 'demo-shop', HOST, NOW + days * DAY - 1)).toBe('dismissed');
      expect(bannerHidden(p, 'demo-shop', HOST, NOW + days * DAY)).toBeNull();
      expect(bannerHidden(p, 'other-shop', HOST, NOW)).toBeNull();
    }
  });

  it('shows the banner again when the dismissal lies in the future (the clock was set back)', () => {
    const p = prefs({ dismissDays: 30, dismissed: { 'demo-shop': NOW + 1 } });
    expect(bannerHidden(p, 'demo-shop', HOST, NOW)).toBeNull();
    const far = prefs({ dismissed: { 'demo-shop': Number.MAX_SAFE_INTEGER } });
    expect(bannerHidden(far, 'demo-shop', HOST, NOW)).toBeNull();
  });

  it('goes by the dismiss period chosen now, not the one when it was dismissed', () => {
    const p = prefs({ dismissDays: 30, dismissed: { 'demo-shop': NOW - 10 * DAY } });
    expect(bannerHidden(p, 'demo-shop', HOST, NOW)).toBe('dismissed');
    expect(bannerHidden({ ...p, dismissDays: 7 }, 'demo-shop', HOST, NOW)).toBeNull();
  });
});

describe('dismissed', () => {
  it('remembers when this partner was dismissed, leaving the rest', () => {
    const before = prefs({ dismissed: { 'other-shop': NOW - DAY }, neverSites: ['x.example'] });
    const after = dismissed(before, 'demo-shop', HOST, NOW, false);
    expect(after).toEqual({
      ...before,
      dismissed: { 'other-shop': NOW - DAY, 'demo-shop': NOW },
    });
    expect(before.dismissed).toEqual({ 'other-shop': NOW - DAY });
    expect(bannerHidden(after, 'demo-shop', HOST, NOW)).toBe('dismissed');
    // The result is what storage reads back.
    expect(parseBannerPrefs(structuredClone(after))).toEqual(after);
  });

  it('adds the host to never-show once, as the newest', () => {
    const once = dismissed(DEFAULT_BANNER_PREFS, 'demo-shop', HOST, NOW, true);
    expect(once.neverSites).toEqual([HOST]);
    expect(once.dismissed).toEqual({});
    expect(dismissed(once, 'demo-shop', HOST, NOW, true).neverSites).toEqual([HOST]);
    const two = dismissed(once, 'demo-shop', 'b.example', NOW, true);
    expect(dismissed(two, 'demo-shop', HOST, NOW, true).neverSites).toEqual(['b.example', HOST]);
  });

  it(`keeps at most NEVER_SITES_MAX (${NEVER_SITES_MAX}) hosts, dropping the oldest`, () => {
    const full = prefs({
      neverSites: Array.from({ length: NEVER_SITES_MAX }, (_, i) => `s${i}.example`),
    });
    const next = dismissed(full, 'demo-shop', HOST, NOW, true);
    expect(next.neverSites).toHaveLength(NEVER_SITES_MAX);
    expect(next.neverSites[0]).toBe('s1.example');
    expect(next.neverSites.at(-1)).toBe(HOST);
    expect(bannerHidden(next, 'demo-shop', HOST, NOW)).toBe('never');
    // Still within the schema: the next read keeps every one of them.
    expect(parseBannerPrefs(structuredClone(next)).neverSites).toEqual(next.neverSites);
  });
});
