import type { Question } from '@/utils/contract';
import { TEXT_ANSWER_MAX } from '@/utils/contract';
import { checkAnswer } from '@/utils/survey';
import { type QuestionProps, questionNotes } from './QuestionNotes';
import { charCountText, questionTitle, surveyText, textProblemText } from './survey-text';

type TextQ = Extract<Question, { type: 'text' | 'comment' }>;

/**
 * Short text (a line) or a comment (several lines), labelled by the
 * question, limited by maxLength, with a count of characters used. The
 * answer is shown back only as text.
 */
export function TextQuestion({
  question: q,
  value,
  onChange,
  idBase,
  optional,
}: QuestionProps<TextQ>) {
  const text = typeof value === 'string' ? value : '';
  const max = q.maxLength ?? TEXT_ANSWER_MAX;
  const problem = text === '' ? null : checkAnswer(q, text);
  const { ids, notes } = questionNotes(q, idBase, optional);
  const countId = `${idBase}-count`;
  const problemId = `${idBase}-problem`;
  const describedBy = [ids, countId, problem ? problemId : undefined].filter(Boolean).join(' ');
  const field = {
    id: `${idBase}-input`,
    name: idBase,
    value: text,
    maxLength: max,
    placeholder: surveyText(q.placeholder) || undefined,
    'aria-describedby': describedBy,
    'aria-invalid': problem ? ('true' as const) : undefined,
    onInput: (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => {
      const v = e.currentTarget.value;
      onChange(v === '' ? undefined : v, true);
    },
  };
  return (
    <div class="survey-question" data-testid="survey-question">
      <label class="survey-legend" for={field.id} data-testid="survey-question-title">
        {questionTitle(q)}
      </label>
      {notes}
      {q.type === 'comment' ? <textarea rows={4} {...field} /> : <input type="text" {...field} />}
      <p id={countId} class="muted survey-count" data-testid="survey-count">
        {charCountText(text.length, max)}
      </p>
      <p id={problemId} class="error" aria-live="polite" data-testid="survey-problem">
        {problem ? textProblemText(problem, max) : ''}
      </p>
    </div>
  );
}
