import { type Question, SurveyDefinition } from '../../../utils/contract/survey';

/** A definition from questions on one page, through the contract (so it is valid, or the test fails). */
export const survey = (...elements: Question[]): SurveyDefinition =>
  SurveyDefinition.parse({ title: 'Test', pages: [{ elements }] });

/**
 * The welcome survey of the issue: 4 questions shown at most, one hidden by
 * a condition depending on the first answer.
 */
export const welcome = SurveyDefinition.parse({
  title: { default: 'Welcome', de: 'Willkommen' },
  pages: [
    {
      elements: [
        {
          type: 'radiogroup',
          name: 'usage',
          isRequired: true,
          choices: [
            'often',
            'sometimes',
            { value: 'rarely', text: { default: 'Rarely', de: 'Selten' } },
          ],
        },
        { type: 'comment', name: 'why', visibleIf: "{usage} = 'rarely'", maxLength: 100 },
        {
          type: 'checkbox',
          name: 'features',
          visibleIf: "{usage} anyof ['often', 'sometimes']",
          choices: ['coupons', 'rewards', 'surveys', 'partners'],
          minSelectedChoices: 1,
          maxSelectedChoices: 2,
        },
      ],
    },
    {
      elements: [
        { type: 'rating', name: 'nps', rateMin: 0, rateMax: 10, isRequired: true },
        { type: 'text', name: 'remark', visibleIf: '{nps} <= 6' },
      ],
    },
  ],
});
