import { BackendUrl } from '@/utils/account';
import { backendUrlOf, loadAccount, saveAccount } from '@/utils/account/storage';
import { ApiError, apiClient } from '@/utils/api/client';
import { AuthStartRequest, AuthVerifyRequest } from '@/utils/contract';
import { ledgerDb } from '@/utils/ledger';
import type { PageReply } from '@/utils/messaging';
import { refreshCatalogue } from './catalogue-refresh';
import { requestSync } from './sync';

const fail = (error: string): PageReply => ({ ok: false, error });
const explain = (err: unknown): PageReply =>
  fail(err instanceof ApiError ? err.message : 'Something went wrong. Please try again.');

export async function startSignIn(data: unknown): Promise<PageReply> {
  const req = AuthStartRequest.safeParse(data);
  if (!req.success) return fail('Please enter a valid email address.');
  try {
    await apiClient(backendUrlOf(await loadAccount())).startSignIn(req.data.email);
    return { ok: true };
  } catch (err) {
    return explain(err);
  }
}

export async function verifySignIn(data: unknown): Promise<PageReply> {
  const req = AuthVerifyRequest.safeParse(data);
  if (!req.success) return fail('The code has 6 digits.');
  try {
    const account = await loadAccount();
    const { token, member } = await apiClient(backendUrlOf(account)).verifySignIn(
      req.data.email,
      req.data.code,
    );
    await saveAccount({ token, member, needsSignIn: false });
    // Claims collected while signed out go up now.
    void requestSync({ force: true });
    return { ok: true };
  } catch (err) {
    return explain(err);
  }
}

/** Signs out and deletes the local ledger (the UI asked the user to confirm first). */
export async function signOut(): Promise<PageReply> {
  const account = await loadAccount();
  if (account.token) {
    // Best effort: the token is forgotten locally whatever the server says.
    await apiClient(backendUrlOf(account))
      .signOut(account.token)
      .catch(() => undefined);
  }
  const db = ledgerDb();
  await db.transaction('rw', db.entries, db.outbox, db.balances, db.meta, async () => {
    await Promise.all([
      db.entries.clear(),
      db.outbox.clear(),
      db.balances.clear(),
      db.meta.clear(),
    ]);
  });
  await saveAccount({ token: undefined, member: undefined, needsSignIn: false });
  return { ok: true };
}

export async function setBackendUrl(data: unknown): Promise<PageReply> {
  const url = BackendUrl.safeParse(data);
  if (!url.success) return fail(url.error.issues[0]?.message ?? 'not a valid server address');
  const account = await loadAccount();
  if (account.token && backendUrlOf(account) !== url.data) {
    return fail('Sign out before switching to another server.');
  }
  await saveAccount({ backendUrl: url.data });
  void refreshCatalogue();
  return { ok: true };
}
