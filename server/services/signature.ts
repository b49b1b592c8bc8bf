import { createHmac } from 'node:crypto';
import { SIGNATURE_TOLERANCE_SECONDS } from '../../utils/contract';
import { sameHex } from './hash';

/** hex HMAC-SHA256(secret, "<t>.<rawBody>") */
export const signaturePayload = (secret: string, t: number, rawBody: string) =>
  createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex');

/** The header value a partner sends: `t=<unix seconds>,v1=<hex>`. */
export function signHeader(secret: string, rawBody: string, now = Date.now()): string {
  const t = Math.floor(now / 1000);
  return `t=${t},v1=${signaturePayload(secret, t, rawBody)}`;
}

export type SignatureCheck =
  | { ok: true; t: number }
  | { ok: false; reason: 'malformed' | 'stale' | 'mismatch' };

/**
 * Verifies the header against the raw body. Several v1 values are accepted
 * (a partner rotating secrets may send both); the timestamp must be within
 * the tolerance either way, so a captured request cannot be replayed later.
 */
export function verifySignature(
  header: string | undefined,
  rawBody: string,
  secret: string,
  now = Date.now(),
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): SignatureCheck {
  if (!header || header.length > 1000) return { ok: false, reason: 'malformed' };
  let t: number | null = null;
  const v1: string[] = [];
  for (const part of header.split(',')) {
    const [k, v] = part.trim().split('=', 2);
    if (k === 't' && v && /^\d{1,12}$/.test(v)) t = Number(v);
    else if (k === 'v1' && v && /^[0-9a-f]{64}$/i.test(v)) v1.push(v.toLowerCase());
  }
  if (t === null || v1.length === 0) return { ok: false, reason: 'malformed' };
  if (Math.abs(now / 1000 - t) > toleranceSeconds) return { ok: false, reason: 'stale' };
  const expected = signaturePayload(secret, t, rawBody);
  return v1.some((s) => sameHex(s, expected)) ? { ok: true, t } : { ok: false, reason: 'mismatch' };
}
