/**
 * Tier maintenance against the configured database (DATABASE_URL or DATA_DIR,
 * TIER_PERIOD, TIER_GRACE_DAYS, as the server reads them):
 *
 *   npm run tiers -- review [--now 2027-01-31T00:00:00Z]
 *
 * `review` runs the downgrade review the server runs hourly: every tier whose
 * review date has come is kept or lowered one level. `--now` reviews as of
 * another time (to try out a period's end). Exit code 2 on bad usage.
 */
import { parseArgs } from 'node:util';
import { connect } from '../server/db/connect';
import { migrate } from '../server/db/migrate';
import { reviewTiers } from '../server/services/tiers';
import { loadSettings } from '../server/settings';

const USAGE = 'usage: npm run tiers -- review [--now <ISO date-time>]';

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { now: { type: 'string' } },
  });
  if (positionals.length !== 1 || positionals[0] !== 'review') {
    console.error(USAGE);
    process.exit(2);
  }
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime())) {
    console.error(`--now "${values.now}" is not a date-time\n${USAGE}`);
    process.exit(2);
  }
  // Only the store and tier settings matter here; no server flags.
  const settings = loadSettings(process.env, []);
  const handle = await connect({ databaseUrl: settings.databaseUrl, dataDir: settings.dataDir });
  try {
    await migrate(handle.db);
    const lowered = await reviewTiers(handle.db, now, settings);
    console.log(
      `Tier review as of ${now.toISOString()} (${settings.tierPeriod}, ${settings.tierGraceDays} grace days): ${lowered} member(s) lowered one level`,
    );
  } finally {
    await handle.close();
  }
}

main().catch((err) => {
  console.error(`tier review failed: ${String(err)}`);
  process.exit(1);
});
