/**
 * The points-expiry run against the configured database (DATABASE_URL or
 * DATA_DIR, and EXPIRY_MODE / EXPIRY_MONTHS / EXPIRY_DAY as the server reads
 * them; give it the server's environment):
 *
 *   npm run expire [-- --now 2029-10-01T00:00:00Z]
 *
 * Declares the policy (the first declaration dates lots earned before
 * migration 008), then expires what is left of every lot whose expiry date
 * has come. Safe to repeat and to interrupt: each lot's entry has an id of
 * its own and each member is one transaction. `--now` runs as of another
 * time (tests, the demo). Exit code 2 on bad usage.
 */
import { parseArgs } from 'node:util';
import { connect } from '../server/db/connect';
import { migrate } from '../server/db/migrate';
import { declareExpiryPolicy, runExpiry } from '../server/services/expiry';
import { loadSettings } from '../server/settings';

const USAGE = 'usage: npm run expire [-- --now <ISO date-time>]';

async function main() {
  let values: { now?: string };
  try {
    ({ values } = parseArgs({ options: { now: { type: 'string' } } }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime())) {
    console.error(`--now "${values.now}" is not a date-time\n${USAGE}`);
    process.exit(2);
  }
  // Only the store and expiry settings matter here; no server flags.
  const settings = loadSettings(process.env, []);
  const { mode, months, monthDay } = settings.expiry;
  const handle = await connect({ databaseUrl: settings.databaseUrl, dataDir: settings.dataDir });
  try {
    await migrate(handle.db);
    const dated = await declareExpiryPolicy(handle.db, settings.expiry);
    if (dated > 0) console.log(`Dated ${dated} lot(s) earned before expiry was configured`);
    const policy =
      mode === 'off'
        ? 'expiry off'
        : mode === 'period'
          ? `${months} months`
          : `on ${monthDay} after ${months} months`;
    const r = await runExpiry(handle.db, { now });
    console.log(
      `Expiry run as of ${now.toISOString()} (${policy}): ${r.points} point(s) of ${r.lots} lot(s) expired for ${r.members} member(s)`,
    );
  } finally {
    await handle.close();
  }
}

main().catch((err) => {
  console.error(`expiry run failed: ${String(err)}`);
  process.exit(1);
});
