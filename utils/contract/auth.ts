import { z } from 'zod';
import { ReferralCode, ReferralOutcome } from './referral';
import { Balance } from './sync';

export const Email = z
  .email()
  .max(254)
  .transform((e) => e.trim().toLowerCase());

export const AuthStartRequest = z.object({ email: Email });
export const AuthVerifyRequest = z.object({
  email: Email,
  code: z.string().regex(/^\d{6}$/),
  /** A friend's code from their share link: counts for a new member only (contract referral.ts). */
  referralCode: ReferralCode.optional(),
});

export const Member = z.object({
  id: z.uuid(),
  email: z.string(),
  /** Printed on the member card (QR code); 16 digits. */
  memberNumber: z.string().regex(/^\d{16}$/),
});
export type Member = z.infer<typeof Member>;

export const AuthVerifyResponse = z.object({
  token: z.string().min(32),
  member: Member,
  /** Present when a referral code was sent: whether it referred this sign-in. */
  referral: ReferralOutcome.optional(),
});
export type AuthVerifyResponse = z.infer<typeof AuthVerifyResponse>;

export const MeResponse = z.object({ member: Member, balance: Balance });
export type MeResponse = z.infer<typeof MeResponse>;

/** Body of POST /v1/auth/signout (optional): everywhere revokes every token of the member. */
export const SignOutRequest = z.object({ everywhere: z.boolean().default(false) });
