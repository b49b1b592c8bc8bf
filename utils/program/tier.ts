import type { Program, Tier } from '../contract';

export interface TierProgress {
  /** The tier held (undefined when the tier list does not name it). */
  current: Tier | undefined;
  /** The next tier up; undefined at the top. */
  next: Tier | undefined;
  /** Qualifying points still missing for the next tier (0 at the top). */
  missing: number;
  /** Epoch ms by when they must be earned, when the period ends then. */
  nextBy: number | undefined;
  /** For the progress bar: qualifying points so far out of what the next tier needs. */
  value: number;
  max: number;
}

/**
 * Where the member stands, from the server's figures (never recomputed here,
 * so the card says what the server will do): the bar runs from 0 to the
 * points the next tier needs, i.e. counted so far plus still missing.
 */
export function tierProgress(program: Program): TierProgress {
  const { member, tiers } = program;
  const byId = (id: string) => tiers.find((t) => t.id === id);
  const current = byId(member.tierId);
  const next = member.next ? byId(member.next.tierId) : undefined;
  if (!member.next) {
    return { current, next: undefined, missing: 0, nextBy: undefined, value: 1, max: 1 };
  }
  const missing = member.next.points;
  const nextBy = member.nextBy ? Date.parse(member.nextBy) : undefined;
  return {
    current,
    next,
    missing,
    nextBy,
    value: member.qualifying,
    max: member.qualifying + missing,
  };
}

/** Tiers in order, entry tier first. */
export const sortedTiers = (tiers: readonly Tier[]) =>
  [...tiers].sort((a, b) => a.position - b.position);
