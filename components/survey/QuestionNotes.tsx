import type { AnswerValue, Question } from '@/utils/contract';
import { t } from '../i18n';
import { surveyText } from './survey-text';

/** What every question component gets from the stepper. */
export interface QuestionProps<Q extends Question = Question> {
  question: Q;
  /** The answer so far (absent: none). */
  value: AnswerValue | undefined;
  /** A new answer (undefined: none); `typing` while a text is being typed. */
  onChange: (value: AnswerValue | undefined, typing?: boolean) => void;
  /** Unique per survey and question, for ids and radio group names. */
  idBase: string;
  /** May be skipped (the stepper's step says so). */
  optional: boolean;
}

/**
 * The lines under a question's title: the operator's description, a hint
 * (how many choices), and that it may be skipped. Returns the ids to put in
 * the question's aria-describedby, so a screen reader reads them with it.
 */
export function questionNotes(
  q: Question,
  idBase: string,
  optional: boolean,
  hint?: string,
): { ids: string | undefined; notes: preact.JSX.Element | null } {
  const description = surveyText(q.description);
  const lines: [string, string][] = [];
  if (description) lines.push([`${idBase}-description`, description]);
  if (hint) lines.push([`${idBase}-hint`, hint]);
  if (optional) lines.push([`${idBase}-optional`, t('surveyOptional')]);
  if (lines.length === 0) return { ids: undefined, notes: null };
  return {
    ids: lines.map(([id]) => id).join(' '),
    notes: (
      <div class="survey-notes">
        {lines.map(([id, text]) => (
          <p key={id} id={id} class="muted" data-testid={`survey-${id.slice(idBase.length + 1)}`}>
            {text}
          </p>
        ))}
      </div>
    ),
  };
}
