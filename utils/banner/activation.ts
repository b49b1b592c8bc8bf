import { activationValid } from '../time/activation';

/**
 * Activations of partners that need one per visit (storage.local,
 * STORAGE_KEYS.activations): when each was activated, and the orders seen
 * unactivated. An order first seen before *Activate* stays uncredited after
 * it too — the partner pays only for purchases made while activated — and
 * the shopper can still report it as missing.
 *
 * Checked by hand, not with zod: the partner content script reads this, and
 * zod alone would double its size budget (bench/bundle-parts.ts). A property
 * test holds it to the zod schema it replaced (tests/unit/banner-activation-parse.test.ts).
 */
export const ORDERS_KEPT = 500;
const ID_MAX = 100;
const KEY_MAX = 400;

export interface Activations {
  at: Record<string, number>;
  /** claimKeys of orders reported while not activated, newest last. */
  refused: string[];
}

/** zod's isPlainObject: a record is a plain object, not an array, class instance or null. */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const ctor = (v as { constructor?: unknown }).constructor;
  if (ctor === undefined || typeof ctor !== 'function') return true;
  const proto: unknown = ctor.prototype;
  return (
    typeof proto === 'object' &&
    proto !== null &&
    !Array.isArray(proto) &&
    Object.hasOwn(proto, 'isPrototypeOf')
  );
}

/** Partner id → activation time; {} when any entry is off (the schema's .catch({})). */
function readAt(v: unknown): Record<string, number> {
  if (!isPlainObject(v)) return {};
  const out: Record<string, number> = {};
  for (const key of Reflect.ownKeys(v)) {
    if (key === '__proto__' || !Object.prototype.propertyIsEnumerable.call(v, key)) continue;
    const t = v[key as string];
    if (typeof key !== 'string' || key.length > ID_MAX) return {};
    if (typeof t !== 'number' || !Number.isFinite(t)) return {};
    out[key] = t;
  }
  return out;
}

/** Refused claimKeys; [] when any is off or there are too many (the schema's .catch([])). */
function readRefused(v: unknown): string[] {
  if (!Array.isArray(v) || v.length > ORDERS_KEPT) return [];
  const out: string[] = [];
  for (let i = 0; i < v.length; i++) {
    const k: unknown = v[i];
    if (typeof k !== 'string' || k.length > KEY_MAX) return [];
    out.push(k);
  }
  return out;
}

/** What was stored, or nothing activated: never throws. */
export const parseActivations = (v: unknown): Activations => {
  const o = v ?? {};
  if (typeof o !== 'object' || Array.isArray(o)) return { at: {}, refused: [] };
  const { at, refused } = o as Record<string, unknown>;
  return { at: readAt(at), refused: readRefused(refused) };
};

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
