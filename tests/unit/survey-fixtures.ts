import { MemberSurvey, type SurveyList } from '../../utils/contract';
import type { LedgerDb } from '../../utils/ledger';

/**
 * The welcome survey as GET /v1/surveys lists it: a required choice, a text
 * shown only for "rarely" (a condition), an optional rating.
 */
export const welcome = MemberSurvey.parse({
  id: 'welcome',
  definition: {
    title: { default: 'Welcome to Pointpilot', de: 'Willkommen bei Pointpilot' },
    pages: [
      {
        elements: [
          { type: 'radiogroup', name: 'usage', isRequired: true, choices: ['often', 'rarely'] },
          { type: 'text', name: 'why', visibleIf: "{usage} = 'rarely'", maxLength: 100 },
          { type: 'rating', name: 'rating' },
        ],
      },
    ],
  },
  rewardPoints: 50,
  validUntil: '2099-12-31T00:00:00.000Z',
  reason: 'welcome',
  partnerId: null,
});

/** "How was it?" after a purchase at the demo shop, already closed. */
export const closed = MemberSurvey.parse({
  ...welcome,
  id: 'demo-shop-after',
  definition: { ...welcome.definition, title: 'How was it?' },
  validUntil: '2020-01-01T00:00:00.000Z',
  reason: 'after-purchase',
  partnerId: 'demo-shop',
});

export const surveyList = (...surveys: MemberSurvey[]): SurveyList => ({
  surveys,
  stats: { completed: 0, streakWeeks: 0, bestStreakWeeks: 0, badges: [] },
});

/** The survey list as the program refresh stores it. */
export const storeSurveys = (db: LedgerDb, ...surveys: MemberSurvey[]) =>
  db.program.put({ id: 'surveys', data: surveyList(...surveys), fetchedAt: 1 });
