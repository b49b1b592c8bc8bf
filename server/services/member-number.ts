import { randomInt } from 'node:crypto';

/** Luhn check digit, so a mistyped card number at a till is caught. */
export function luhnDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidMemberNumber(n: string): boolean {
  return /^\d{16}$/.test(n) && luhnDigit(n.slice(0, 15)) === Number(n[15]);
}

/** A random 16-digit member number: "7" (program prefix), 14 random digits, Luhn digit. */
export function newMemberNumber(): string {
  let body = '7';
  for (let i = 0; i < 14; i++) body += String(randomInt(10));
  return body + String(luhnDigit(body));
}
