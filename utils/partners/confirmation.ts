/**
 * When pending points usually arrive: a claim's date plus its partner's
 * confirmation window from the catalogue. Pure, so it is unit-tested.
 */
import { addLocalDays, userTimeZone } from '../time/zone';

/**
 * Epoch ms by which a claim made at `createdAt` is usually confirmed: the
 * same time of day, `confirmationDays` calendar days later in the user's
 * zone (so a DST change in between never moves the date shown by a day).
 */
export function expectedConfirmation(
  createdAt: number,
  confirmationDays: number,
  timeZone: string = userTimeZone(),
): number {
  return addLocalDays(createdAt, confirmationDays, timeZone);
}

export interface PendingClaim {
  partnerId?: string | null;
  createdAt: number;
  points: number;
}

/**
 * The next points to arrive among pending claims: the earliest expected date
 * not before `now` and all points expected on that same day (`day` gives a
 * time's calendar day). Overdue claims (their entries say so) and claims of
 * partners not in the catalogue are skipped.
 */
export function nextArrival(
  pending: readonly PendingClaim[],
  confirmationDaysOf: (partnerId: string) => number | undefined,
  day: (at: number) => string,
  now: number,
): { at: number; points: number } | undefined {
  const expected = pending.flatMap((c) => {
    const days = c.partnerId ? confirmationDaysOf(c.partnerId) : undefined;
    const at = days === undefined ? undefined : expectedConfirmation(c.createdAt, days);
    return at === undefined || at < now ? [] : [{ at, c }];
  });
  if (expected.length === 0) return undefined;
  const at = Math.min(...expected.map((x) => x.at));
  const first = day(at);
  const points = expected.reduce((sum, x) => (day(x.at) === first ? sum + x.c.points : sum), 0);
  return { at, points };
}
