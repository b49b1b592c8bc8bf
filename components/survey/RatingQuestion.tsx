import type { Question } from '@/utils/contract';
import { ratingScale } from '@/utils/survey';
import { type QuestionProps, questionNotes } from './QuestionNotes';
import { questionTitle, rateEnds } from './survey-text';

type RatingQ = Extract<Question, { type: 'rating' }>;

/**
 * Rating 1–5 or NPS 0–10: native radios drawn as a row of buttons (each
 * radio covers its box, transparent, so a click, a tap and the arrow keys
 * all work as for any radio). The words at both ends are part of the end
 * scores' names for a screen reader ("0 Not at all likely").
 */
export function RatingQuestion({
  question: q,
  value,
  onChange,
  idBase,
  optional,
}: QuestionProps<RatingQ>) {
  const { min, max, kind } = ratingScale(q);
  const ends = rateEnds(q);
  const { ids, notes } = questionNotes(q, idBase, optional);
  const scores = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  return (
    <fieldset class="survey-question" data-testid="survey-question" aria-describedby={ids}>
      <legend class="survey-legend" data-testid="survey-question-title">
        {questionTitle(q)}
      </legend>
      {notes}
      <div class={`survey-scale scale-${kind}`}>
        {scores.map((n) => (
          <label key={n} class="survey-score">
            <input
              type="radio"
              id={`${idBase}-${n}`}
              name={idBase}
              value={n}
              checked={value === n}
              onChange={(e) => e.currentTarget.checked && onChange(n)}
            />
            <span class="survey-score-face">{n}</span>
            {n === min && <span class="sr-only"> {ends.min}</span>}
            {n === max && <span class="sr-only"> {ends.max}</span>}
          </label>
        ))}
      </div>
      <p class="survey-scale-ends muted" aria-hidden="true">
        <span>{ends.min}</span>
        <span>{ends.max}</span>
      </p>
    </fieldset>
  );
}
