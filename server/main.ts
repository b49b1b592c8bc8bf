import { type ServerType, serve } from '@hono/node-server';
import { createApp } from './app';
import { connect } from './db/connect';
import { migrate } from './db/migrate';
import { seedDemo } from './db/seed';
import { createLogger } from './log';
import { declareExpiryPolicy, runExpiry } from './services/expiry';
import { pruneRejectedOps } from './services/op-store';
import { reviewTiers } from './services/tiers';
import { loadSettings } from './settings';

/**
 * `npm run server [-- --seed-demo --dev-codes --fault-mode]`
 * Env: HOST, PORT (0 = any free port), DATA_DIR (PGlite folder or memory://),
 * DATABASE_URL (a PostgreSQL server instead), DEV_CODES=1, FAULTS='{"fail":…}',
 * DEMO_PARTNER_SECRET, RATE_LIMIT_PER_MINUTE, CLAIMS_PER_MEMBER_HOUR, AUTH_SECRET,
 * TRUST_PROXY, SIGNIN_*, REJECTED_OPS_RETENTION_DAYS, EXPIRY_MODE, EXPIRY_MONTHS, EXPIRY_DAY,
 * EXPIRY_WARNING_DAYS, CONSOLE_ORIGIN, OPERATOR_TOKEN, TOKEN_CACHE_SECONDS, LOG=silent
 * (server/README.md has the table).
 */
async function main() {
  const settings = loadSettings();
  const log = createLogger(settings.log);
  const handle = await connect({ databaseUrl: settings.databaseUrl, dataDir: settings.dataDir });
  const applied = await migrate(handle.db);
  log.info({ msg: 'database ready', store: handle.kind, migrationsApplied: applied });
  if (settings.seedDemo) {
    await seedDemo(handle.db, settings);
    log.info({ msg: 'demo program seeded', demoPartner: 'demo-shop' });
    if (!settings.production)
      log.info({ msg: `demo-shop webhook secret: ${settings.demoPartnerSecret}` });
  }
  // Rejected op rows only answer re-sends; after the retention period they go.
  const prune = () =>
    pruneRejectedOps(handle.db, settings.rejectedOpsRetentionDays)
      .then((n) => n > 0 && log.info({ msg: 'pruned rejected ops', count: n }))
      .catch((err) => log.error({ msg: 'pruning rejected ops failed', error: String(err) }));
  void prune();
  const pruneTimer = setInterval(prune, 60 * 60 * 1000);
  pruneTimer.unref();
  // Tier downgrades happen only at a member's review date; an hourly pass is
  // punctual enough and idempotent (scripts/tiers.ts runs the same by hand).
  const review = () =>
    reviewTiers(handle.db, new Date(), settings)
      .then((n) => n > 0 && log.info({ msg: 'tier review lowered members', count: n }))
      .catch((err) => log.error({ msg: 'tier review failed', error: String(err) }));
  void review();
  const reviewTimer = setInterval(review, 60 * 60 * 1000);
  reviewTimer.unref();
  // New lots are dated from the declared policy (services/expiry-policy.ts); the
  // hourly run expires what is due, idempotently (scripts/expire.ts runs it by hand).
  const dated = await declareExpiryPolicy(handle.db, settings.expiry);
  log.info({ msg: 'expiry policy declared', ...settings.expiry, lotsDated: dated });
  const expire = () =>
    runExpiry(handle.db, { now: new Date() })
      .then((r) => r.lots > 0 && log.info({ msg: 'points expired', ...r }))
      .catch((err) => log.error({ msg: 'expiry run failed', error: String(err) }));
  void expire();
  const expireTimer = setInterval(expire, 60 * 60 * 1000);
  expireTimer.unref();
  if (settings.production && !process.env.AUTH_SECRET)
    log.error({ msg: 'warning: AUTH_SECRET not set; sign-in codes end with every restart' });
  if (settings.production && settings.devCodes)
    log.error({ msg: 'warning: --dev-codes in production' });

  const { app } = createApp({ db: handle.db, settings, log });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: settings.host, port: settings.port }, (info) => {
      // Tests parse this exact line.
      console.log(`Pointpilot server listening on http://${settings.host}:${info.port}`);
      resolve(s);
    });
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ msg: 'shutting down', signal });
    // Stop accepting, let in-flight requests finish, then close the database.
    const force = setTimeout(() => {
      log.error({ msg: 'shutdown timed out; closing connections' });
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    }, 10_000);
    force.unref();
    (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
    clearInterval(pruneTimer);
    clearInterval(reviewTimer);
    clearInterval(expireTimer);
    server.close(async () => {
      await handle.close();
      log.info({ msg: 'stopped' });
      process.exit(0);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err) => {
  console.error(JSON.stringify({ level: 'error', msg: 'start-up failed', error: String(err) }));
  process.exit(1);
});
