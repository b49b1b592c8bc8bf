import type { SurveyAnswers, SurveyDefinition } from '../contract/survey';
import { allQuestions, visibleQuestions } from './questions';

/**
 * Question counts for the survey card ("earn 50 points · 4 questions").
 * Conditions make the number depend on the answers, so there are two:
 * `maxQuestionCount` every question of the definition (the most a member
 * can be asked), `shownCount` those shown for the answers so far (with no
 * answers yet: the questions without a condition plus those whose condition
 * already holds, as a condition on an unanswered question usually fails).
 * shownCount is what the stepper's total (StepState.total) shows, so the
 * card's "4 questions" and the progress bar agree when it uses it too.
 */
export const maxQuestionCount = (def: SurveyDefinition): number => allQuestions(def).length;

export const shownCount = (def: SurveyDefinition, answers: SurveyAnswers): number =>
  visibleQuestions(def, answers).length;
