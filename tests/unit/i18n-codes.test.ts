import { describe, expect, it } from 'vitest';
import { CODE_WORDING, type Code, entryText } from '../../components/entry-text';
import { EntryCode, RejectCode } from '../../utils/contract';
import type { LedgerEntry } from '../../utils/ledger';
import { loadMessages, useLocale } from './i18n-fake';

const CODES: Code[] = [...EntryCode.options, ...RejectCode.options];
const en = loadMessages('en');
const de = loadMessages('de');

function entry(over: Partial<LedgerEntry>): LedgerEntry {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    kind: 'claim',
    partnerId: 'demo-shop',
    orderRef: 'PP-100123',
    amount: { minor: 3450, currency: 'EUR' },
    points: 69,
    status: 'pending',
    reason: 'awaiting-partner',
    signals: [],
    createdAt: 0,
    ...over,
  };
}

/** The entry a code arrives on (as utils/sync/apply.ts stores it). */
function entryFor(code: Code): LedgerEntry {
  const w = CODE_WORDING[code];
  const status = w.when[0]!;
  const reason: LedgerEntry['reason'] =
    status === 'pending'
      ? 'awaiting-partner'
      : status === 'confirmed'
        ? 'confirmed-by-partner'
        : 'rejected-by-server';
  return entry({ status, reason, code, detail: 'server words' });
}

/** Every message key entryText can show, per code: its reason and status words. */
const keysOf = (code: Code) =>
  [CODE_WORDING[code].reason, CODE_WORDING[code].status].filter((k) => k !== undefined);

describe('every server reason code has a translation', () => {
  it('the wording table covers every EntryCode and RejectCode of the contract', () => {
    expect(Object.keys(CODE_WORDING).sort()).toEqual([...CODES].sort());
  });

  for (const code of CODES) {
    it(`${code}: worded in en and de`, () => {
      for (const key of keysOf(code)) {
        expect(en[key]?.message.trim(), `en ${key}`).toBeTruthy();
        expect(de[key]?.message.trim(), `de ${key}`).toBeTruthy();
      }
      for (const locale of ['en', 'de'] as const) {
        useLocale(locale);
        const text = entryText(entryFor(code));
        // A missing message makes t() return the key itself.
        expect(text.reason, `${locale} ${code}`).not.toMatch(/^[a-z]+[A-Z]\w*$/);
        expect(text.status, `${locale} ${code}`).not.toMatch(/^[a-z]+[A-Z]\w*$/);
        expect(text.reason, `${locale} ${code}`).not.toContain(code);
      }
    });
  }

  it('German and English differ for every code (no English left in the German catalogue)', () => {
    for (const code of CODES) {
      const key = CODE_WORDING[code].reason;
      expect(de[key]!.message, key).not.toBe(en[key]!.message);
    }
  });
});

describe('entryText', () => {
  it("a refused claim is explained by its code, without the server's English", () => {
    useLocale('de');
    const text = entryText(
      entry({
        status: 'rejected',
        reason: 'rejected-by-server',
        code: 'claim-limit',
        detail: 'Too many purchases claimed in the last hour',
      }),
    );
    expect(text.tone).toBe('negative');
    expect(text.status).toBe('Abgelehnt');
    expect(text.reason).toContain('bringt dieser Einkauf keine Punkte');
    expect(text.reason).toContain('Kundendienst');
    expect(text.detail).toBeUndefined();
    useLocale('en');
    const en = entryText(
      entry({ status: 'rejected', reason: 'rejected-by-server', code: 'claim-limit' }),
    );
    expect(en.reason).not.toMatch(/try (again )?later/i);
    expect(en.reason).toContain('will not earn points');
  });

  it("a shopper's own cancellation is neutral and called cancelled", () => {
    useLocale('de');
    const text = entryText(
      entry({
        status: 'rejected',
        reason: 'cancelled-by-partner',
        code: 'cancelled-by-shopper',
        detail: 'vom Kunden storniert',
      }),
    );
    expect(text).toEqual({
      status: 'Storniert',
      reason: 'Du hast diese Bestellung storniert',
      detail: 'vom Kunden storniert', // the partner's own words stay, as a quoted detail
      tone: 'neutral',
    });
  });

  it("a partner's cancellation: negative, and the server's generated English is dropped", () => {
    useLocale('en');
    const text = entryText(
      entry({
        status: 'rejected',
        reason: 'cancelled-by-partner',
        code: 'cancelled-by-partner',
        detail: 'Cancelled by Demo Shop',
      }),
    );
    expect(text).toEqual({
      status: 'Cancelled',
      reason: 'Cancelled by the partner',
      detail: undefined,
      tone: 'negative',
    });
    // An older server without the code: the reason decides, still not "Rejected".
    const old = entryText(
      entry({ status: 'rejected', reason: 'cancelled-by-partner', detail: 'Order cancelled' }),
    );
    expect(old.status).toBe('Cancelled');
    expect(old.detail).toBe('Order cancelled');
  });

  it('the welcome bonus is worded by its code, the server\'s "Welcome bonus" dropped', () => {
    useLocale('de');
    const pending = entryText(
      entry({
        kind: 'bonus',
        partnerId: null,
        status: 'pending',
        reason: 'welcome-pending',
        code: 'welcome-pending',
        detail: 'Welcome bonus: available after your first confirmed purchase',
      }),
    );
    expect(pending.reason).toBe(
      'Willkommensbonus – verfügbar nach deinem ersten bestätigten Einkauf',
    );
    expect(pending.detail).toBeUndefined();
    expect(pending.tone).toBe('waiting');
    const released = entryText(
      entry({
        kind: 'bonus',
        partnerId: null,
        status: 'confirmed',
        reason: 'bonus',
        code: 'welcome-released',
        detail: 'Welcome bonus',
      }),
    );
    expect(released).toEqual({
      status: 'Bestätigt',
      reason: 'Willkommensbonus',
      detail: undefined,
      tone: 'positive',
    });
  });

  it('a code that no longer fits the status is ignored (the reason decides)', () => {
    useLocale('en');
    // Contested, then confirmed for this member: not "also claimed by another account".
    const text = entryText(
      entry({ status: 'confirmed', reason: 'confirmed-by-partner', code: 'contested' }),
    );
    expect(text.reason).toBe('Confirmed by the partner');
    expect(text.tone).toBe('positive');
  });

  it('not-buyer is negative; partial returns are neutral and keep only extra server words', () => {
    useLocale('en');
    expect(
      entryText(entry({ status: 'rejected', reason: 'not-buyer', code: 'not-buyer' })).tone,
    ).toBe('negative');
    const plain = entryText(
      entry({
        kind: 'adjust',
        status: 'confirmed',
        reason: 'partial-return',
        code: 'partial-return',
        points: -24,
        detail: 'Return of 12.00 EUR: -24 points',
      }),
    );
    expect(plain).toMatchObject({ status: 'Returned', tone: 'neutral', detail: undefined });
    const limited = entryText(
      entry({
        kind: 'adjust',
        status: 'confirmed',
        reason: 'partial-return',
        code: 'partial-return',
        detail: 'Return of 12.00 EUR: -4 points (20 points could not be taken back: already spent)',
      }),
    );
    expect(limited.detail).toContain('already spent');
  });

  it('pending and confirmed purchases without a code', () => {
    useLocale('de');
    expect(entryText(entry({}))).toEqual({
      status: 'Vorgemerkt',
      reason: 'Wartet auf die Bestätigung des Partnershops',
      detail: undefined,
      tone: 'waiting',
    });
    expect(entryText(entry({ status: 'confirmed', reason: 'confirmed-by-partner' })).tone).toBe(
      'positive',
    );
  });
});
