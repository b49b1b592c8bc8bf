import { z } from 'zod';
import { checkDefinition } from '../survey/definition-rules';
import { PartnerId } from './partner';
import { POINTS_MAX } from './rules';
import { StorableText } from './text';

/**
 * Surveys in the subset of SurveyJS's JSON format this project supports
 * (https://surveyjs.io/form-library/documentation/design-survey/create-a-simple-survey):
 * `pages[].elements[]` of the question types below, `isRequired`, and
 * `visibleIf` conditions in SurveyJS's expression syntax (the operators in
 * utils/survey/expression.ts). Shown one question per step, pages only
 * group them. Anything else SurveyJS knows (page-level conditions, HTML,
 * validators, triggers, calculated values) is refused, not ignored, so an
 * operator never believes a rule applies that does not.
 */

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);
export const SurveyId = Id;

/** A question's name: the key of its answer (SurveyJS `name`). */
export const QuestionName = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/);

/**
 * A text in SurveyJS's localizable form: one string, or one per locale
 * (`{ "default": "…", "de": "…" }`); the UI picks the browser's language.
 */
export const LocalizedText = z.union([
  StorableText.min(1).max(500),
  z
    .record(z.string().regex(/^(default|[a-z]{2})$/), StorableText.min(1).max(500))
    .refine((r) => typeof r.default === 'string', 'a localized text needs "default"')
    .refine((r) => Object.keys(r).length <= 10, 'at most 10 locales'),
]);
export type LocalizedText = z.infer<typeof LocalizedText>;

export const CHOICE_VALUE_MAX = 100;
export const TEXT_ANSWER_MAX = 1000;
export const MAX_QUESTIONS = 30;
export const MAX_CHOICES = 20;

export const ChoiceValue = StorableText.min(1).max(CHOICE_VALUE_MAX);
/** A choice: its value alone (also its text) or `{ value, text }`, as in SurveyJS. */
export const Choice = z.union([
  ChoiceValue,
  z.strictObject({ value: ChoiceValue, text: LocalizedText.optional() }),
]);
export type Choice = z.infer<typeof Choice>;

const base = {
  name: QuestionName,
  title: LocalizedText.optional(),
  description: LocalizedText.optional(),
  /** SurveyJS's default: optional (may be skipped). */
  isRequired: z.boolean().optional(),
  /** A condition on earlier answers, e.g. `{usage} = 'often' and {rating} >= 4`. */
  visibleIf: StorableText.min(1).max(500).optional(),
};

export const RadioQuestion = z.strictObject({
  ...base,
  type: z.literal('radiogroup'),
  choices: z.array(Choice).min(2).max(MAX_CHOICES),
});
export const CheckboxQuestion = z.strictObject({
  ...base,
  type: z.literal('checkbox'),
  choices: z.array(Choice).min(2).max(MAX_CHOICES),
  minSelectedChoices: z.number().int().min(0).max(MAX_CHOICES).optional(),
  maxSelectedChoices: z.number().int().min(1).max(MAX_CHOICES).optional(),
});
/** Rating 1–5 (SurveyJS's default scale) or NPS 0–10 (`rateMin: 0, rateMax: 10`). */
export const RatingQuestion = z.strictObject({
  ...base,
  type: z.literal('rating'),
  rateMin: z.union([z.literal(0), z.literal(1)]).optional(),
  rateMax: z.union([z.literal(5), z.literal(10)]).optional(),
  minRateDescription: LocalizedText.optional(),
  maxRateDescription: LocalizedText.optional(),
});
/** Short text (`text`) or several lines (`comment`), at most `maxLength` characters. */
export const TextQuestion = z.strictObject({
  ...base,
  type: z.union([z.literal('text'), z.literal('comment')]),
  maxLength: z.number().int().min(1).max(TEXT_ANSWER_MAX).optional(),
  placeholder: LocalizedText.optional(),
});

export const Question = z.discriminatedUnion('type', [
  RadioQuestion,
  CheckboxQuestion,
  RatingQuestion,
  TextQuestion,
]);
export type Question = z.infer<typeof Question>;

export const SurveyPage = z.strictObject({
  name: StorableText.min(1).max(64).optional(),
  elements: z.array(Question).min(1).max(MAX_QUESTIONS),
});

/** A survey definition (SurveyJS JSON, the subset above), checked as a whole. */
export const SurveyDefinition = z
  .strictObject({
    title: LocalizedText,
    description: LocalizedText.optional(),
    pages: z.array(SurveyPage).min(1).max(10),
  })
  .superRefine((def, ctx) => {
    for (const problem of checkDefinition(def)) ctx.addIssue({ code: 'custom', ...problem });
  });
export type SurveyDefinition = z.infer<typeof SurveyDefinition>;

/** One answer: a choice, several choices, a rating or a text. */
export const AnswerValue = z.union([
  StorableText.max(TEXT_ANSWER_MAX),
  z.array(ChoiceValue).max(MAX_CHOICES),
  z.number().int().min(-1_000).max(1_000),
]);
export type AnswerValue = z.infer<typeof AnswerValue>;
/** Answers by question name; skipped questions are absent. */
export const SurveyAnswers = z
  .record(QuestionName, AnswerValue)
  .refine((a) => Object.keys(a).length <= MAX_QUESTIONS, `at most ${MAX_QUESTIONS} answers`);
export type SurveyAnswers = z.infer<typeof SurveyAnswers>;

/** Why a survey is offered to this member (the card words it). */
export const SurveyReason = z.enum([
  'welcome', // for every member
  'targeted', // by tier or by partners bought from
  'after-purchase', // "how was it?" after a confirmed purchase at `partnerId`
]);
export type SurveyReason = z.infer<typeof SurveyReason>;

/** A survey offered to the member, as GET /v1/surveys lists it. */
export const MemberSurvey = z.object({
  id: SurveyId,
  definition: SurveyDefinition,
  /** Points credited once, when the completed survey reaches the server. */
  rewardPoints: z.number().int().min(0).max(POINTS_MAX),
  validUntil: z.iso.datetime(),
  reason: SurveyReason,
  /** The partner an after-purchase survey is about. */
  partnerId: PartnerId.nullable(),
});
export type MemberSurvey = z.infer<typeof MemberSurvey>;

/** Badges for milestones, earned from real submissions (words in the UI). */
export const BadgeId = z.enum(['first-survey', 'five-surveys', 'four-week-streak']);
export type BadgeId = z.infer<typeof BadgeId>;

export const SurveyStats = z.object({
  /** Surveys this member completed. */
  completed: z.number().int().nonnegative(),
  /**
   * Consecutive ISO weeks (UTC) with at least one completed survey, up to
   * this week or the last (a streak lasts until a whole week passes without one).
   */
  streakWeeks: z.number().int().nonnegative(),
  bestStreakWeeks: z.number().int().nonnegative(),
  badges: z.array(z.object({ id: BadgeId, at: z.iso.datetime() })).max(20),
});
export type SurveyStats = z.infer<typeof SurveyStats>;

/** GET /v1/surveys: the surveys open to this member, best first; the popup shows one at a time. */
export const SurveyList = z.object({
  surveys: z.array(MemberSurvey).max(20),
  stats: SurveyStats,
});
export type SurveyList = z.infer<typeof SurveyList>;
