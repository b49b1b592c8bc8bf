import { createHmac, randomBytes } from 'node:crypto';
import { sameText } from './hash';

/**
 * A sign-in code is derived from a random nonce with the server's secret, so
 * the database holds no code (a leaked table is useless without the secret)
 * and a code sent again within its window is the very same code.
 */
export function signInCode(secret: string, email: string, nonce: string): string {
  const mac = createHmac('sha256', secret).update(`sign-in-code\n${email}\n${nonce}`).digest();
  return String(mac.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

export const newNonce = (): string => randomBytes(16).toString('base64url');

/** Constant-time comparison of two codes. */
export const sameCode = sameText;
