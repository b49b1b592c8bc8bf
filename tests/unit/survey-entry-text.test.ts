import { describe, expect, it } from 'vitest';
import { entryText } from '../../components/entry-text';
import { BADGE_NAME, surveyEntryTitle } from '../../components/survey-entry-title';
import { BadgeId, type RejectCode } from '../../utils/contract';
import type { LedgerEntry } from '../../utils/ledger';
import { loadMessages, useLocale } from './i18n-fake';

function entry(over: Partial<LedgerEntry>): LedgerEntry {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    kind: 'survey',
    partnerId: null,
    orderRef: null,
    amount: null,
    points: 50,
    status: 'pending',
    reason: 'survey-sending',
    signals: [],
    createdAt: 0,
    surveyId: 'welcome',
    ...over,
  };
}

const refused = (code: RejectCode, detail = 'Question "usage": unknown-option') =>
  entry({ status: 'rejected', reason: 'rejected-by-server', points: 0, code, detail });

const listed = { surveyTitle: (id: string) => (id === 'welcome' ? 'Welcome!' : undefined) };

describe('survey and badge entries in the activity', () => {
  it('a survey sent from here, then credited (en, de)', () => {
    useLocale('en');
    expect(entryText(entry({}))).toEqual({
      status: 'Sending…',
      reason: 'Your answers are on their way; the points count once Pointpilot has them',
      detail: undefined,
      tone: 'waiting',
    });
    const credited = entry({ status: 'confirmed', reason: 'survey-rewarded' });
    expect(entryText(credited)).toEqual({
      status: 'Credited',
      reason: 'Thank you for your answers',
      detail: undefined,
      tone: 'positive',
    });
    useLocale('de');
    expect(entryText(entry({}))).toMatchObject({
      status: 'Wird gesendet …',
      reason:
        'Deine Antworten werden übertragen – die Punkte zählen, sobald Pointpilot sie erhalten hat',
    });
    expect(entryText(credited)).toMatchObject({
      status: 'Gutgeschrieben',
      reason: 'Danke für deine Antworten',
      tone: 'positive',
    });
  });

  const wordings: [RejectCode, string, string][] = [
    ['unknown-survey', 'This survey no longer exists', 'Diese Umfrage gibt es nicht mehr'],
    ['survey-closed', 'This survey had already closed', 'Diese Umfrage war schon beendet'],
    ['survey-not-for-you', 'not meant for your account', 'nicht für dein Konto gedacht'],
    [
      'survey-already-answered',
      'You had already answered this survey',
      'Du hattest diese Umfrage schon beantwortet',
    ],
    ['invalid-answer', 'Some answers did not fit', 'Einige Antworten passten nicht'],
  ];
  for (const [code, en, de] of wordings) {
    it(`refused (${code}): its own sentence, negative, the server's English dropped`, () => {
      useLocale('en');
      expect(entryText(refused(code))).toEqual({
        status: 'Rejected',
        reason: expect.stringContaining(en),
        detail: undefined,
        tone: 'negative',
      });
      useLocale('de');
      expect(entryText(refused(code))).toMatchObject({
        status: 'Abgelehnt',
        reason: expect.stringContaining(de),
        detail: undefined,
      });
    });
  }

  it("refused for another reason: never the purchase wording, the server's words kept", () => {
    useLocale('en');
    const text = entryText(refused('invalid', 'This op id is already used'));
    expect(text.reason).toBe(
      'Pointpilot did not accept your answers, so they did not earn points.',
    );
    expect(text.reason).not.toMatch(/purchase/);
    expect(text.detail).toBe('This op id is already used');
    useLocale('de');
    expect(entryText(refused('duplicate-order')).reason).toBe(
      'Pointpilot hat deine Antworten nicht angenommen, deshalb haben sie keine Punkte gebracht.',
    );
  });

  it('a badge (en, de)', () => {
    const badge = entry({
      kind: 'badge',
      points: 0,
      status: 'confirmed',
      reason: 'badge-earned',
      surveyId: undefined,
      badge: 'first-survey',
    });
    useLocale('en');
    expect(entryText(badge)).toMatchObject({ status: 'Earned', tone: 'positive' });
    expect(surveyEntryTitle(badge, listed)).toBe('Badge earned: First survey');
    useLocale('de');
    expect(entryText(badge)).toMatchObject({
      status: 'Erhalten',
      reason: 'Ein Meilenstein beim Beantworten von Umfragen',
    });
    expect(surveyEntryTitle(badge, listed)).toBe('Abzeichen: Erste Umfrage');
    expect(surveyEntryTitle({ ...badge, badge: undefined }, listed)).toBe('Abzeichen erhalten');
  });

  it('every badge has a name in en and de', () => {
    const en = loadMessages('en');
    const de = loadMessages('de');
    for (const id of BadgeId.options) {
      expect(en[BADGE_NAME[id]]?.message, id).toBeTruthy();
      expect(de[BADGE_NAME[id]]?.message, id).toBeTruthy();
      expect(de[BADGE_NAME[id]]!.message).not.toBe(en[BADGE_NAME[id]]!.message);
    }
  });

  it('titles: the listed title, else the one kept on the entry (localized), else "Survey"', () => {
    useLocale('en');
    expect(surveyEntryTitle(entry({}), listed)).toBe('Survey: Welcome!');
    const kept = entry({
      surveyId: 'gone',
      surveyTitle: { default: 'How was it?', de: 'Wie war es?' },
    });
    expect(surveyEntryTitle(kept, listed)).toBe('Survey: How was it?');
    expect(surveyEntryTitle(entry({ surveyId: 'gone' }), listed)).toBe('Survey');
    expect(surveyEntryTitle(entry({ surveyId: 'gone' }), {})).toBe('Survey');
    useLocale('de');
    expect(surveyEntryTitle(kept, listed)).toBe('Umfrage: Wie war es?');
    expect(surveyEntryTitle(entry({ surveyId: undefined }), listed)).toBe('Umfrage');
    // Not a survey or a badge: no title from here.
    expect(surveyEntryTitle(entry({ kind: 'claim' }), listed)).toBeUndefined();
  });
});
