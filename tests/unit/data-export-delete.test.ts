import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { deleteAllData } from '../../entrypoints/background/delete-all';
import { whenSyncIdle } from '../../entrypoints/background/sync';
import { saveAccount } from '../../utils/account/storage';
import { ledgerDb, recordClaim } from '../../utils/ledger';
import { exportData, exportFileName } from '../../utils/ledger/export';
import { saveUiPrefs } from '../../utils/settings/prefs';
import { demoClaim, demoPartner } from './ledger-fixtures';

vi.mock('../../entrypoints/background/sync', () => ({ whenSyncIdle: vi.fn(async () => {}) }));

const db = ledgerDb();
const member = {
  id: crypto.randomUUID(),
  email: 'erika@example.de',
  memberNumber: '1234567890123456',
};
let calls: string[];

beforeEach(async () => {
  await Promise.all(db.tables.map((t) => t.clear()));
  calls = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: URL, init: RequestInit) => {
      calls.push(`${url.pathname} ${new Headers(init.headers).get('authorization')}`);
      return new Response(null, { status: 204 });
    }),
  );
  await saveAccount({ token: 'secret-token-1', member, needsSignIn: false });
  await saveUiPrefs({ language: 'de', theme: 'dark' });
  await recordClaim(db, demoClaim('PP-100123', 5450), demoPartner);
  await db.meta.put({ id: 'sync', cursor: 4, failures: 0 });
  await db.surveyDrafts.put({ surveyId: 's1', answers: {}, at: null, updatedAt: 1 });
});

describe('exportData', () => {
  it('holds every ledger table row by row, the account without its token, and the settings', async () => {
    const out = await exportData(db, new Date('2026-03-01T10:00:00Z'));
    expect(Object.keys(out.ledger).sort()).toEqual(db.tables.map((t) => t.name).sort());
    for (const table of db.tables) expect(out.ledger[table.name]).toEqual(await table.toArray());
    expect(out.ledger.entries).toHaveLength(1);
    expect(out.ledger.outbox).toHaveLength(1);
    expect(out.account).toEqual({ member, needsSignIn: false });
    expect(out.settings).toMatchObject({ uiLanguage: 'de', uiTheme: 'dark' });
    expect(out.exportedAt).toBe('2026-03-01T10:00:00.000Z');
    // The token never leaves in the file, under any key.
    expect(JSON.stringify(out)).not.toContain('secret-token-1');
    // What is written is what was read: JSON round-trips it.
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
    expect(exportFileName(new Date('2026-03-01T10:00:00Z'))).toBe(
      'pointpilot-export-2026-03-01.json',
    );
  });
});

describe('deleteAllData', () => {
  it('empties every table and storage.local after a running sync ends, and ends the session', async () => {
    let syncRunning = true;
    vi.mocked(whenSyncIdle).mockImplementation(async () => {
      syncRunning = false;
    });
    expect(await deleteAllData()).toEqual({ ok: true });
    expect(syncRunning).toBe(false);
    for (const table of db.tables) expect(await table.count(), table.name).toBe(0);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
    await vi.waitFor(() => expect(calls).toEqual(['/v1/auth/signout Bearer secret-token-1']));
  });

  it('works signed out too, and then asks the server nothing', async () => {
    await fakeBrowser.storage.local.clear();
    expect(await deleteAllData()).toEqual({ ok: true });
    for (const table of db.tables) expect(await table.count(), table.name).toBe(0);
    expect(calls).toEqual([]);
  });
});
