import { z } from 'zod';
import { LocalizedText } from './survey';

/**
 * Donations: the member gives confirmed points to a cause the program
 * serves (GET /v1/causes). A donation is an outbox op; the server spends the
 * points from the oldest lots as one 'spend' entry with code 'donation'.
 * checkDonation is the one rule the popup, the background and the server apply.
 */

export const CauseId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);

/** Most points one donation can give (the contract refuses more as invalid). */
export const MAX_DONATION_POINTS = 10_000_000;

export const Cause = z.object({
  id: CauseId,
  /** The cause's name and a sentence about it, in the program's languages. */
  name: LocalizedText,
  description: LocalizedText.nullable(),
  /** The smallest donation the cause accepts, in points. */
  minPoints: z.number().int().positive().max(MAX_DONATION_POINTS),
});
export type Cause = z.infer<typeof Cause>;

export const CauseList = z.object({ causes: z.array(Cause).max(100) });
export type CauseList = z.infer<typeof CauseList>;

/** Points of one donation as the contract accepts them (whole, positive, bounded). */
export const DonationPoints = z.number().int().positive().max(MAX_DONATION_POINTS);

/** Give `points` confirmed points to a cause. The op's id is the id of its 'spend' entry. */
export const DonateOp = z.object({
  id: z.uuid(),
  type: z.literal('donate'),
  createdAt: z.iso.datetime(),
  causeId: CauseId,
  points: DonationPoints,
});
export type DonateOp = z.infer<typeof DonateOp>;

export type DonationProblem = 'invalid' | 'donation-below-minimum' | 'insufficient-points';

/**
 * Whether `points` can go to `cause` with `available` points: a whole number
 * (the contract's), at least the cause's minimum, at most what is available.
 */
export function checkDonation(
  points: unknown,
  cause: Pick<Cause, 'minPoints'>,
  available: number,
): { ok: true; points: number } | { ok: false; code: DonationProblem } {
  const parsed = DonationPoints.safeParse(points);
  if (!parsed.success) return { ok: false, code: 'invalid' };
  if (parsed.data < cause.minPoints) return { ok: false, code: 'donation-below-minimum' };
  if (parsed.data > available) return { ok: false, code: 'insufficient-points' };
  return { ok: true, points: parsed.data };
}
