import type { Question } from '@/utils/contract';
import { choiceValue } from '@/utils/survey';
import { type QuestionProps, questionNotes } from './QuestionNotes';
import { choiceHint, questionTitle, surveyText } from './survey-text';

type ChoiceQ = Extract<Question, { type: 'radiogroup' | 'checkbox' }>;

/**
 * Single choice (native radios: arrow keys move and choose) or multiple
 * choice (native checkboxes; once the maximum is chosen the others wait,
 * disabled, as SurveyJS does).
 */
export function ChoiceQuestion({
  question: q,
  value,
  onChange,
  idBase,
  optional,
}: QuestionProps<ChoiceQ>) {
  const multi = q.type === 'checkbox';
  const chosen = multi ? (Array.isArray(value) ? value : []) : [];
  const max = multi ? q.maxSelectedChoices : undefined;
  const full = max !== undefined && chosen.length >= max;
  const hint = multi ? choiceHint(q.minSelectedChoices, max) : undefined;
  const { ids, notes } = questionNotes(q, idBase, optional, hint);
  const toggle = (v: string, on: boolean) => {
    // In the order of the choices, whatever order they were ticked in.
    const next = q.choices.map(choiceValue).filter((c) => (c === v ? on : chosen.includes(c)));
    onChange(next.length > 0 ? next : undefined);
  };
  return (
    <fieldset class="survey-question" data-testid="survey-question" aria-describedby={ids}>
      <legend class="survey-legend" data-testid="survey-question-title">
        {questionTitle(q)}
      </legend>
      {notes}
      <div class="survey-choices">
        {q.choices.map((c, i) => {
          const v = choiceValue(c);
          const text = (typeof c === 'string' ? '' : surveyText(c.text)) || v;
          const checked = multi ? chosen.includes(v) : value === v;
          return (
            <label key={v} class="survey-choice">
              <input
                type={multi ? 'checkbox' : 'radio'}
                id={`${idBase}-${i}`}
                name={idBase}
                value={v}
                checked={checked}
                disabled={multi && full && !checked}
                onChange={(e) =>
                  multi
                    ? toggle(v, e.currentTarget.checked)
                    : e.currentTarget.checked && onChange(v)
                }
              />
              <span>{text}</span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
