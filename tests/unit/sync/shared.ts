import { expect } from 'vitest';
import type { EntryCode, ServerEntry } from '../../../utils/contract';
import { balanceFromEntries, type LedgerDb, readBalance } from '../../../utils/ledger';
import type { FakeServer } from './fake-server';

/** One server entry as the server would send it, with the given seq. */
export function serverEntry(
  seq: number,
  kind: ServerEntry['kind'],
  fields: Partial<ServerEntry> & { code?: EntryCode } = {},
): ServerEntry {
  return {
    seq,
    id: crypto.randomUUID(),
    kind,
    claimId: null,
    partnerId: null,
    orderRef: null,
    amount: null,
    points: 0,
    reason: null,
    at: '2026-11-23T10:00:00.000Z',
    ...fields,
  };
}

/** The local balance equals the server's, and the stored row equals the sum of the entries. */
export async function expectAgreement(db: LedgerDb, server: FakeServer): Promise<void> {
  const local = await readBalance(db);
  expect({ available: local.available, pending: local.pending }).toEqual(server.balance());
  expect(await balanceFromEntries(db)).toEqual({
    available: local.available,
    pending: local.pending,
  });
}
