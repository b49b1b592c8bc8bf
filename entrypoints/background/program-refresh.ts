import { backendUrlOf, loadAccount } from '@/utils/account/storage';
import { apiClient, type Cached } from '@/utils/api/client';
import { type LedgerDb, ledgerDb, type ProgramRow, type ProgramRowId } from '@/utils/ledger';

/**
 * Without a reason from sync, the poll alarm fetches the program data at most
 * this often (new coupons, a tier review); sync-driven refreshes go at once.
 */
export const PROGRAM_REFRESH_MS = 15 * 60_000;

export type ProgramRefresh = 'updated' | 'unchanged' | 'skipped' | 'signed-out' | 'failed';

let running: Promise<ProgramRefresh> | null = null;
let again = false;

/**
 * Fetches the member's tier standing, coupons, the rewards and the surveys
 * open to them (each with If-None-Match) into the ledger database, where the popup reads them live.
 * Signed out: nothing is fetched. `force` skips the throttle (after sign-in,
 * or when a sync answer touched the program). One run at a time; a request
 * meanwhile runs once more afterwards.
 */
export function refreshProgram(opts: { force?: boolean } = {}): Promise<ProgramRefresh> {
  if (running) {
    again ||= opts.force ?? false;
    return running;
  }
  running = (async () => {
    try {
      let out: ProgramRefresh;
      let force = opts.force ?? false;
      do {
        again = false;
        out = await refreshOnce(ledgerDb(), force);
        force = true;
      } while (again);
      return out;
    } finally {
      running = null;
    }
  })();
  return running;
}

/** Resolves when no refresh is running (sign-out waits for it before clearing). */
export async function programRefreshSettled(): Promise<void> {
  await running?.catch(() => undefined);
}

const PARTS: readonly ProgramRowId[] = ['program', 'coupons', 'rewards', 'surveys', 'causes'];

async function refreshOnce(db: LedgerDb, force: boolean): Promise<ProgramRefresh> {
  const account = await loadAccount();
  const token = account.token;
  if (!token || account.needsSignIn) return 'signed-out';
  const rows = (await db.program.bulkGet([...PARTS])) as (ProgramRow | undefined)[];
  const now = Date.now();
  if (!force && rows.every((r) => r && now - r.fetchedAt < PROGRAM_REFRESH_MS)) return 'skipped';

  const api = apiClient(backendUrlOf(account));
  const fetchers = {
    program: api.program,
    coupons: api.coupons,
    rewards: api.rewards,
    surveys: api.surveys,
    causes: api.causes,
  } satisfies Record<ProgramRowId, (token: string, etag?: string) => Promise<Cached<unknown>>>;
  const answers = await Promise.allSettled(
    PARTS.map((id, i) => fetchers[id](token, rows[i]?.etag)),
  );
  // Signed out (or another account) meanwhile: these answers belong to nobody here now.
  if ((await loadAccount()).token !== token) return 'signed-out';

  let updated = false;
  await db.transaction('rw', db.program, async () => {
    for (const [i, id] of PARTS.entries()) {
      const answer = answers[i]!;
      const row = rows[i];
      if (answer.status === 'rejected') continue; // keep what we have; the next run retries
      if (answer.value === null) {
        if (row) await db.program.put({ ...row, fetchedAt: now });
        continue;
      }
      updated = true;
      const { data, etag } = answer.value;
      await db.program.put({ id, data, etag, fetchedAt: now } as ProgramRow);
    }
  });
  const failed = answers.find((a) => a.status === 'rejected');
  if (failed) console.warn('[pointpilot] program refresh failed in part', failed.reason);
  if (updated) return 'updated';
  return failed ? 'failed' : 'unchanged';
}
