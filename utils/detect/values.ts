import { checkOrderRef } from './check';

/** Caps that keep detection bounded on hostile or huge pages. */
export const LIMITS = {
  /** JSON-LD blocks, microdata scopes, dataLayer entries looked at. */
  items: 200,
  /** Findings one detector may report. */
  findings: 20,
  /** Characters of a JSON-LD block parsed. */
  jsonChars: 500_000,
  /** Nesting depth walked in JSON. */
  depth: 12,
  /** Characters of element text a rule looks at. */
  text: 2_000,
} as const;

/** An order reference from a JSON value: strings and integers, trimmed, valid per the contract. */
export function orderRefFrom(value: unknown): string | undefined {
  let s: string;
  if (typeof value === 'string') s = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)
    s = String(value);
  else return undefined;
  s = s.replace(/\s+/g, ' ').trim().replace(/^#\s*/, '');
  return checkOrderRef(s);
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads a property that may be absent, or throw (getters on page objects). */
export function prop(o: unknown, key: string): unknown {
  if (!isRecord(o) && !Array.isArray(o)) return undefined;
  try {
    return (o as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

export function errorText(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.slice(0, 200);
}
