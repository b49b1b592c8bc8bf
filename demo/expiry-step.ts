import { sql } from 'kysely';
import { connect } from '../server/db/connect';
import { inTx } from '../server/db/tx';
import { declareExpiryPolicy } from '../server/services/expiry';
import { postEntry } from '../server/services/ledger';
import { derivedId } from '../server/services/welcome';
import { loadSettings } from '../server/settings';
import type { Backend } from '../tests/e2e/backend';
import type { PopupPage } from '../tests/e2e/pages/popup';
import { addMonthsUtc, expiryOf, utcDay } from '../utils/loyalty/expiry';

const DEMO_EMAIL = 'demo@pointpilot.test';
/** Points the demo member earned long ago, so some are about to expire. */
const OLD_POINTS = 120;
/** …that long before their expiry day: inside the popup's 90-day warning. */
const DAYS_LEFT = 21;

/**
 * The demo seed for the expiry warning. The demo member is new, and points
 * earned today expire in 36 months; so that the popup has something to warn
 * about, the member gets one documented, backdated lot: 120 bonus points
 * (kind 'bonus', "Demo: points from an earlier purchase") dated as if earned
 * 36 months minus 21 days ago, entry and lot alike, and dated for expiry by
 * the same policy as every lot. Once per member (a derived entry id).
 *
 * Call it before the demo member signs in (the sign-in fetches the program):
 * it stops the backend, writes to its database and starts it again.
 */
export async function seedExpiringPoints(
  backend: Backend,
  step: (text: string) => void,
): Promise<void> {
  step(`Demo seed: ${OLD_POINTS} points the demo member earned about three years ago…`);
  // An answered request means start-up has finished (its SIGTERM handler is
  // installed), so the stop below is a clean one that restart() can follow.
  await fetch(`${backend.url}/healthz`);
  await backend.kill();
  const policy = loadSettings(process.env, []).expiry;
  const handle = await connect({ dataDir: backend.dataDir });
  try {
    await declareExpiryPolicy(handle.db, policy);
    const member = await handle.db
      .selectFrom('members')
      .select('id')
      .where('email', '=', DEMO_EMAIL)
      .executeTakeFirstOrThrow();
    const today = new Date(`${utcDay(new Date())}T00:00:00Z`);
    const expires = new Date(today.getTime() + DAYS_LEFT * 86_400_000);
    const earned = addMonthsUtc(expires, -policy.months);
    const id = derivedId(`demo-expiring-points:${member.id}`);
    await inTx(handle.db, async (trx) => {
      const seq = await postEntry(trx, {
        id,
        memberId: member.id,
        kind: 'bonus',
        points: OLD_POINTS,
        dAvailable: OLD_POINTS,
        reason: 'Demo: points from an earlier purchase',
      });
      if (seq === null) return; // seeded before
      await sql`UPDATE entries SET at = ${earned.toISOString()}::timestamptz WHERE id = ${id}`.execute(
        trx,
      );
      await sql`UPDATE lots SET earned_at = ${earned.toISOString()}::timestamptz,
        expires_at = ${expiryOf(policy, earned)?.toISOString() ?? null}::timestamptz
        WHERE entry_id = ${id}`.execute(trx);
    });
    console.log(
      `  earned ${utcDay(earned)}, expiring ${utcDay(expiryOf(policy, earned) ?? expires)} (${policy.mode}, ${policy.months} months)`,
    );
  } finally {
    await handle.close();
  }
  await backend.restart();
}

/** The expiry warning on Home, as the shopper reads it (printed, and a screenshot). */
export async function showExpiryWarning(
  popup: PopupPage,
  out: string,
  step: (text: string) => void,
): Promise<void> {
  step('Shopper sees which points expire soon…');
  await popup.openHome();
  const warning = popup.page.getByTestId('expiry-warning');
  await warning.waitFor();
  for (const line of await warning.getByTestId('expiry-line').allInnerTexts())
    console.log(`  popup: "${line.trim()}"`);
  await warning.screenshot({ path: `${out}/popup-expiry.png` });
}
