import { SurveyConfig } from '../../utils/contract';
import { upsertSurvey } from '../services/survey-store';
import type { Tx } from './tx';

const ALWAYS = { validFrom: '2020-01-01T00:00:00Z', validUntil: '2099-12-31T23:59:59Z' };

/**
 * The welcome survey: four questions, the third shown only to members who
 * shop online at least monthly (with q1 = 'rarely' the survey has three).
 */
export const WELCOME_SURVEY: SurveyConfig = SurveyConfig.parse({
  ...ALWAYS,
  rewardPoints: 50,
  definition: {
    title: { default: 'Welcome to Pointpilot', de: 'Willkommen bei Pointpilot' },
    description: {
      default: 'Tell us a little about how you shop. It takes a minute.',
      de: 'Erzähl uns kurz, wie du einkaufst. Es dauert nur eine Minute.',
    },
    pages: [
      {
        name: 'shopping',
        elements: [
          {
            type: 'radiogroup',
            name: 'q1',
            title: {
              default: 'How often do you shop online?',
              de: 'Wie oft kaufst du online ein?',
            },
            isRequired: true,
            choices: [
              { value: 'weekly', text: { default: 'Every week', de: 'Jede Woche' } },
              { value: 'monthly', text: { default: 'Every month', de: 'Jeden Monat' } },
              { value: 'rarely', text: { default: 'Rarely', de: 'Selten' } },
            ],
          },
          {
            type: 'checkbox',
            name: 'q2',
            title: { default: 'What do you buy online?', de: 'Was kaufst du online?' },
            description: { default: 'Pick up to three.', de: 'Wähle bis zu drei aus.' },
            isRequired: true,
            minSelectedChoices: 1,
            maxSelectedChoices: 3,
            choices: [
              { value: 'fashion', text: { default: 'Fashion', de: 'Mode' } },
              { value: 'electronics', text: { default: 'Electronics', de: 'Elektronik' } },
              { value: 'books', text: { default: 'Books', de: 'Bücher' } },
              { value: 'groceries', text: { default: 'Groceries', de: 'Lebensmittel' } },
              { value: 'travel', text: { default: 'Travel', de: 'Reisen' } },
            ],
          },
          {
            type: 'rating',
            name: 'q3',
            visibleIf: "{q1} != 'rarely'",
            title: {
              default: 'How likely is it that you collect points on every purchase?',
              de: 'Wie wahrscheinlich ist es, dass du bei jedem Einkauf Punkte sammelst?',
            },
            isRequired: true,
            minRateDescription: { default: 'Not likely', de: 'Eher nicht' },
            maxRateDescription: { default: 'Very likely', de: 'Auf jeden Fall' },
          },
          {
            type: 'text',
            name: 'q4',
            title: { default: 'What should we improve?', de: 'Was sollten wir besser machen?' },
            maxLength: 200,
            placeholder: {
              default: 'Your idea (optional)',
              de: 'Deine Idee (optional)',
            },
          },
        ],
      },
    ],
  },
});

/** "How was it?" after a confirmed Demo Shop purchase: NPS and an optional comment. */
export const DEMO_SHOP_FEEDBACK_SURVEY: SurveyConfig = SurveyConfig.parse({
  ...ALWAYS,
  rewardPoints: 20,
  afterPurchaseAt: 'demo-shop',
  afterPurchaseDays: 14,
  definition: {
    title: {
      default: 'How was your purchase at Demo Shop?',
      de: 'Wie war dein Einkauf bei Demo Shop?',
    },
    pages: [
      {
        elements: [
          {
            type: 'rating',
            name: 'nps',
            title: {
              default: 'How likely are you to recommend Demo Shop to a friend?',
              de: 'Wie wahrscheinlich ist es, dass du Demo Shop weiterempfiehlst?',
            },
            isRequired: true,
            rateMin: 0,
            rateMax: 10,
            minRateDescription: { default: 'Not at all likely', de: 'Überhaupt nicht' },
            maxRateDescription: { default: 'Extremely likely', de: 'Auf jeden Fall' },
          },
          {
            type: 'comment',
            name: 'comment',
            title: {
              default: 'Anything you would like to tell Demo Shop?',
              de: 'Möchtest du Demo Shop noch etwas sagen?',
            },
            maxLength: 500,
          },
        ],
      },
    ],
  },
});

/**
 * The demo surveys, checked above by the same SurveyConfig as an operator's
 * upload. Upserts: running it again changes nothing, a changed seed reaches
 * an existing database, and the responses already given stay.
 */
export async function seedSurveys(trx: Tx): Promise<void> {
  await upsertSurvey(trx, 'welcome', WELCOME_SURVEY);
  await upsertSurvey(trx, 'demo-shop-feedback', DEMO_SHOP_FEEDBACK_SURVEY);
}
