#!/usr/bin/env node
// `npm run test:server`: the server suite twice — on embedded PGlite, then on a
// throwaway PostgreSQL server (started here, stopped and deleted afterwards,
// also on failure or Ctrl-C). Without PostgreSQL installed the second run is
// skipped with a warning, except under CI where that is a failure.
import { spawnSync } from 'node:child_process';
import { findPostgresBin, startThrowawayPostgres } from '../server/dev/throwaway-postgres.mjs';

const vitest = (label, env) => {
  console.log(`\n[test:server] run ${label}\n`);
  const started = Date.now();
  const r = spawnSync('npx', ['vitest', 'run', '--project', 'server', ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  console.log(
    `[test:server] ${label}: ${r.status === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return r.status === 0;
};

const { TEST_DATABASE_URL: _ignored, ...baseEnv } = process.env;
process.env = baseEnv;

let ok = vitest('1/2 on PGlite', {});

const bin = findPostgresBin();
if (!bin) {
  const msg = 'PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb missing)';
  if (process.env.CI) {
    console.error(`[test:server] ${msg}: failing because CI is set`);
    process.exit(1);
  }
  console.warn(
    `\n${'!'.repeat(78)}\n!! [test:server] ${msg}.\n!! SKIPPING run 2/2 on PostgreSQL. Install it: apt-get install postgresql\n${'!'.repeat(78)}\n`,
  );
} else {
  let pg = null;
  const cleanup = () => {
    pg?.stop();
    pg = null;
  };
  for (const sig of ['SIGINT', 'SIGTERM']) {
    process.on(sig, () => {
      cleanup();
      process.exit(130);
    });
  }
  try {
    pg = await startThrowawayPostgres({ bin });
    console.log(`[test:server] throwaway PostgreSQL at ${pg.url}`);
    ok = vitest('2/2 on PostgreSQL', { TEST_DATABASE_URL: pg.url }) && ok;
  } catch (err) {
    console.error(`[test:server] ${err.message}`);
    ok = false;
  } finally {
    cleanup();
  }
}
process.exit(ok ? 0 : 1);
