import { describe, expect, it } from 'vitest';
import { CATEGORY_LABEL } from '../../components/ActivityFilters';
import { entryText } from '../../components/entry-text';
import { t, tPlural } from '../../components/i18n';
import { EntryKind } from '../../utils/contract';
import type { EntryReason, EntryStatus, LedgerEntry } from '../../utils/ledger';
import { ACTIVITY_CATEGORIES, categoryOf } from '../../utils/ledger/activity-filter';
import { loadMessages, useLocale } from './i18n-fake';

/** The local reason an entry of each kind carries (utils/sync/apply.ts, the recorders). */
const REASON: Record<string, EntryReason> = {
  claim: 'awaiting-partner',
  adjust: 'partial-return',
  bonus: 'bonus',
  spend: 'spent',
  expire: 'expired',
  refusal: 'rejected-by-server',
  activate: 'coupon-activated',
  tier: 'tier-changed',
  survey: 'survey-rewarded',
  badge: 'badge-earned',
};

const entry = (kind: string, status: EntryStatus, code?: string): LedgerEntry =>
  ({
    id: '00000000-0000-4000-8000-000000000001',
    kind,
    partnerId: null,
    orderRef: null,
    amount: null,
    points: 10,
    status,
    reason: status === 'rejected' ? 'rejected-by-server' : (REASON[kind] ?? 'bonus'),
    signals: [],
    createdAt: 0,
    ...(code ? { code } : {}),
  }) as LedgerEntry;

// A missing message makes t() return the key itself.
const KEY = /^[a-z]+[A-Z]\w*$/;

describe('every entry has its reason in plain words', () => {
  const cases: [string, EntryStatus, string?][] = [
    // Every kind the ledger keeps (confirm and reject only settle a claim, they are no row).
    ...EntryKind.options
      .filter((k) => k !== 'confirm' && k !== 'reject')
      .flatMap((k) =>
        (['pending', 'confirmed', 'rejected'] as const).map((s) => [k, s] as [string, EntryStatus]),
      ),
    // Codes other parts of issue 13 add (strings, so this holds before and after they land).
    ['spend', 'confirmed', 'donation'],
    ['bonus', 'confirmed', 'referral'],
    ['expire', 'confirmed', 'expired'],
  ];
  for (const locale of ['en', 'de'] as const) {
    it.each(cases)(`${locale}: %s %s %s`, (kind, status, code) => {
      useLocale(locale);
      const e = entry(kind, status, code);
      const text = entryText(e);
      expect(text.reason.trim()).not.toBe('');
      expect(text.reason).not.toMatch(KEY);
      expect(text.status).not.toMatch(KEY);
      expect(t(CATEGORY_LABEL[categoryOf(e)])).not.toMatch(KEY);
    });
  }

  it('names every category in en and de, each differently', () => {
    for (const locale of ['en', 'de']) {
      const msgs = loadMessages(locale);
      const labels = ACTIVITY_CATEGORIES.map((c) => msgs[CATEGORY_LABEL[c]]?.message.trim());
      expect(labels.every(Boolean), locale).toBe(true);
      expect(new Set(labels).size).toBe(labels.length);
    }
  });

  it('counts matching entries with the right plural', () => {
    useLocale('en');
    expect(tPlural('activityFilteredCount', 1, '1')).toBe('1 matching entry');
    expect(tPlural('activityFilteredCount', 2, '2')).toBe('2 matching entries');
    useLocale('de');
    expect(tPlural('activityFilteredCount', 1, '1')).toBe('1 passender Eintrag');
    expect(tPlural('activityFilteredCount', 0, '0')).toBe('0 passende Einträge');
  });
});
