import { describe, expect, it } from 'vitest';
import { normalizeEmail } from '@/utils/account/email-normalize';

describe('normalizeEmail', () => {
  it('treats case, +tags and Gmail dots as the same mailbox', () => {
    for (const e of [
      'jane.doe@gmail.com',
      'Jane.Doe@Gmail.com',
      'janedoe+shopping@gmail.com',
      'j.a.n.e.d.o.e@googlemail.com',
      ' JANEDOE@GMAIL.COM ',
    ]) {
      expect(normalizeEmail(e), e).toBe('janedoe@gmail.com');
    }
  });

  it('drops +tags everywhere but keeps dots where the provider counts them', () => {
    expect(normalizeEmail('Jane.Doe+promo@Example.test')).toBe('jane.doe@example.test');
    expect(normalizeEmail('jane.doe@outlook.com')).not.toBe(normalizeEmail('janedoe@outlook.com'));
    expect(normalizeEmail('a+b+c@web.de')).toBe('a@web.de');
  });

  it('keeps odd but valid local parts as a mailbox of their own', () => {
    expect(normalizeEmail('+tag@example.test')).toBe('+tag@example.test');
    expect(normalizeEmail('...@gmail.com')).toBe('...@gmail.com');
    expect(normalizeEmail('not-an-address')).toBe('not-an-address');
  });
});
