import { browser } from 'wxt/browser';
import { ACCOUNT_KEY, Account } from '../account/storage';
import type { LedgerDb } from './db';

/** What "Export my data" writes: everything this device keeps, except the sign-in token. */
export interface DataExport {
  format: 'pointpilot-export';
  version: 1;
  exportedAt: string;
  /** Every table of the local ledger (IndexedDB), row by row. */
  ledger: Record<string, unknown[]>;
  /** The account as stored, without its token (a secret, and useless elsewhere). */
  account: Omit<Account, 'token'>;
  /** Everything else in storage.local: settings, partner choices, the cached catalogue. */
  settings: Record<string, unknown>;
}

/** Reads every ledger table in one transaction, so the file is one consistent picture. */
export async function exportData(db: LedgerDb, now = new Date()): Promise<DataExport> {
  const ledger = await db.transaction('r', db.tables, async () => {
    const rows = await Promise.all(db.tables.map((t) => t.toArray()));
    return Object.fromEntries(db.tables.map((t, i) => [t.name, rows[i] ?? []]));
  });
  const { [ACCOUNT_KEY]: rawAccount, ...settings } = await browser.storage.local.get(null);
  const parsed = Account.safeParse(rawAccount ?? {});
  const { token: _token, ...account } = parsed.success ? parsed.data : Account.parse({});
  return {
    format: 'pointpilot-export',
    version: 1,
    exportedAt: now.toISOString(),
    ledger,
    account,
    settings,
  };
}

/** "pointpilot-export-2025-03-01.json" */
export const exportFileName = (now = new Date()) =>
  `pointpilot-export-${now.toISOString().slice(0, 10)}.json`;
