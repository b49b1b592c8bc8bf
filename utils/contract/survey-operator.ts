import { z } from 'zod';
import { PartnerId } from './partner';
import { TierId } from './program';
import { POINTS_MAX } from './rules';
import { ChoiceValue, QuestionName, SurveyDefinition, SurveyId } from './survey';

/** The operator's side of surveys: what is uploaded, and the aggregates of the answers. */

/** What the operator uploads (PUT /v1/operator/surveys/{id}): the definition and its targeting. */
export const SurveyConfig = z
  .strictObject({
    definition: SurveyDefinition,
    rewardPoints: z.number().int().min(0).max(POINTS_MAX),
    validFrom: z.iso.datetime(),
    validUntil: z.iso.datetime(),
    /** Only members in these tiers (absent: every tier). */
    tiers: z.array(TierId).min(1).max(20).optional(),
    /** Only members with a confirmed purchase at one of these partners. */
    boughtAt: z.array(PartnerId).min(1).max(50).optional(),
    /** "How was it?": offered after a confirmed purchase at this partner … */
    afterPurchaseAt: PartnerId.optional(),
    /** … within this many days of its confirmation. */
    afterPurchaseDays: z.number().int().min(1).max(365).default(30),
    /** Higher first when several are open. */
    priority: z.number().int().min(-1000).max(1000).default(0),
  })
  .refine((c) => Date.parse(c.validFrom) < Date.parse(c.validUntil), {
    message: 'validFrom must be before validUntil',
    path: ['validUntil'],
  });
export type SurveyConfig = z.infer<typeof SurveyConfig>;

/** Per-question aggregates for the operator (GET /v1/operator/surveys/{id}/results). */
export const QuestionResult = z.discriminatedUnion('type', [
  z.object({
    name: QuestionName,
    type: z.enum(['radiogroup', 'checkbox']),
    answered: z.number().int().nonnegative(),
    skipped: z.number().int().nonnegative(),
    options: z.array(z.object({ value: ChoiceValue, count: z.number().int().nonnegative() })),
  }),
  z.object({
    name: QuestionName,
    type: z.literal('rating'),
    scale: z.enum(['rating', 'nps']),
    answered: z.number().int().nonnegative(),
    skipped: z.number().int().nonnegative(),
    /** counts[i]: answers with score rateMin + i. */
    counts: z.array(z.number().int().nonnegative()),
    mean: z.number().nullable(),
    /** NPS only: % promoters (9–10) − % detractors (0–6), one decimal; null without answers. */
    nps: z.number().min(-100).max(100).nullable().optional(),
    promoters: z.number().int().nonnegative().optional(),
    passives: z.number().int().nonnegative().optional(),
    detractors: z.number().int().nonnegative().optional(),
  }),
  z.object({
    name: QuestionName,
    type: z.enum(['text', 'comment']),
    answered: z.number().int().nonnegative(),
    skipped: z.number().int().nonnegative(),
  }),
]);
export type QuestionResult = z.infer<typeof QuestionResult>;

export const SurveyResults = z.object({
  surveyId: SurveyId,
  responses: z.number().int().nonnegative(),
  questions: z.array(QuestionResult),
});
export type SurveyResults = z.infer<typeof SurveyResults>;
