import type { Logger } from '../log';

/**
 * Outgoing mail. The reference backend has no mail server: in development the
 * code goes to the log (and, with --dev-codes, to GET /v1/dev/last-code). A
 * real deployment passes its own Mailer to createApp.
 */
export interface Mailer {
  sendSignInCode(email: string, code: string): Promise<void>;
}

export function logMailer(log: Logger, production: boolean): Mailer {
  return {
    async sendSignInCode(email, code) {
      if (production) log.error({ msg: 'no mailer configured: sign-in code not sent', email });
      else log.info({ msg: `sign-in code for ${email} code=${code}`, email });
    },
  };
}

/** Remembers the last code per email (tests only) and passes it on. */
export function capturingMailer(next: Mailer, codes: Map<string, string>): Mailer {
  return {
    async sendSignInCode(email, code) {
      codes.set(email, code);
      await next.sendSignInCode(email, code);
    },
  };
}
