import { z } from 'zod';
import { activationValid } from '../time/activation';

/**
 * Activations of partners that need one per visit (storage.local,
 * STORAGE_KEYS.activations): when each was activated, and the orders seen
 * unactivated. An order first seen before *Activate* stays uncredited after
 * it too — the partner pays only for purchases made while activated — and
 * the shopper can still report it as missing.
 */
export const ORDERS_KEPT = 500;

export const Activations = z.object({
  at: z.record(z.string().max(100), z.number()).catch({}),
  /** claimKeys of orders reported while not activated, newest last. */
  refused: z.array(z.string().max(400)).max(ORDERS_KEPT).catch([]),
});
export type Activations = z.infer<typeof Activations>;

export const parseActivations = (v: unknown): Activations =>
  Activations.catch({ at: {}, refused: [] }).parse(v ?? {});

export const HOUR_MS = 3_600_000;

/** When the activation of a partner runs out, or null when it is not active at `now`. */
export function activeUntil(
  a: Activations,
  partner: { id: string; activationHours: number },
  now: number,
): number | null {
  const at = a.at[partner.id];
  const ttl = partner.activationHours * HOUR_MS;
  return activationValid(at, ttl, now) ? (at as number) + ttl : null;
}

/** Whether an order (by claimKey) counts: the partner is active now and the order was not seen unactivated. */
export function orderAllowed(
  a: Activations,
  partner: { id: string; activationHours: number },
  claimKey: string,
  now: number,
): boolean {
  return !a.refused.includes(claimKey) && activeUntil(a, partner, now) !== null;
}

export const withActivation = (a: Activations, partnerId: string, now: number): Activations => ({
  ...a,
  at: { ...a.at, [partnerId]: now },
});

export const withRefused = (a: Activations, claimKey: string): Activations =>
  a.refused.includes(claimKey)
    ? a
    : { ...a, refused: [...a.refused, claimKey].slice(-ORDERS_KEPT) };
