import { z } from 'zod';

/**
 * Referrals and the paid plan "Plus" (issue 13): what GET /v1/me/program
 * adds (Program.referral, Program.plan), the optional referral code of
 * POST /v1/auth/verify, and the operator's plan endpoint.
 */

/** No 0/O or 1/I/L, so a code read aloud or typed from a screenshot comes out right. */
export const REFERRAL_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE = new RegExp(`^[${REFERRAL_ALPHABET}]{8}$`);

/** As typed: spaces around and lower case are forgiven. */
export const ReferralCode = z
  .string()
  .max(32)
  .transform((s) => s.trim().toUpperCase())
  .pipe(z.string().regex(CODE, 'a referral code is 8 letters and digits'));

/** Why a referral code did not refer this sign-in (the sign-in itself went ahead). */
export const ReferralRefusal = z.enum([
  'self-referral', // the code's owner, under this or another spelling of the address
  'already-member', // only a new member can be referred
  'email-known', // the same mailbox (normalised) is a member already or was referred before
]);
export type ReferralRefusal = z.infer<typeof ReferralRefusal>;

export const ReferralOutcome = z.discriminatedUnion('status', [
  z.object({ status: z.literal('applied') }),
  z.object({ status: z.literal('ignored'), code: ReferralRefusal }),
]);
export type ReferralOutcome = z.infer<typeof ReferralOutcome>;

/** The member's own code and share link, and how far this month's cap is used. */
export const ReferralInfo = z.object({
  code: z.string().regex(CODE),
  /** Opens the onboarding with the code filled in (server route /r/{code}). */
  link: z.url(),
  /** What the member and each friend get once the friend's first purchase is confirmed. */
  bonusPoints: z.number().int().nonnegative(),
  paidThisMonth: z.number().int().nonnegative(),
  monthlyCap: z.number().int().nonnegative(),
});
export type ReferralInfo = z.infer<typeof ReferralInfo>;

export const PlanId = z.literal('plus');

/** What Plus gives, as codes the UI words (the same words as a tier's benefits). */
export const PlanBenefit = z.enum(['earn-multiplier', 'priority-support', 'free-returns']);
export type PlanBenefit = z.infer<typeof PlanBenefit>;

/** The paid plan while it is active (absent otherwise). */
export const MemberPlan = z.object({
  plan: PlanId,
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  /** Earn multiplier on the base rate, added like the tier's (utils/loyalty/earn.ts). */
  multiplier: z.number().min(1).max(10),
  benefits: z.array(PlanBenefit).max(10),
});
export type MemberPlan = z.infer<typeof MemberPlan>;

// Printable, no controls or lone surrogates: it is logged and answered back.
const Reference = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\x21-\x7e][\x20-\x7e]*$/, 'printable ASCII, not starting with a space');

/** PUT /v1/operator/members/{memberNumber}/plan. */
export const PlanUpdate = z.strictObject({
  plan: PlanId,
  endsAt: z.iso.datetime({ offset: true }),
  reference: Reference,
});
export type PlanUpdate = z.infer<typeof PlanUpdate>;

export const PlanAnswer = z.object({
  memberNumber: z.string().regex(/^\d{16}$/),
  /** The plan active now (null after an end). */
  plan: MemberPlan.nullable(),
  reference: Reference.nullable(),
});
export type PlanAnswer = z.infer<typeof PlanAnswer>;
