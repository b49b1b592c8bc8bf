import { BackendUrl } from '@/utils/account';
import { backendUrlOf, loadAccount, saveAccount } from '@/utils/account/storage';
import { ApiError, apiClient } from '@/utils/api/client';
import { AuthStartRequest, AuthVerifyRequest } from '@/utils/contract';
import { ledgerDb } from '@/utils/ledger';
import type { ErrorKey, PageReply } from '@/utils/messaging';
import { refreshCatalogue } from './catalogue-refresh';
import { requestSync } from './sync';

const fail = (error: ErrorKey, detail?: string): PageReply => ({ ok: false, error, detail });

/** What the shopper is told when a call to the backend fails. */
function explain(err: unknown, wrongCode = false): PageReply {
  if (!(err instanceof ApiError)) return fail('errorGeneric');
  if (err.kind === 'offline') return fail('errorOffline');
  if (err.kind === 'server') return fail('errorServer');
  if (err.kind === 'response') return fail('errorResponse');
  if (err.status === 429) return fail('errorTooMany');
  if (wrongCode && err.status === 401) return fail('errorWrongCode');
  return fail('errorRejected', err.message);
}

export async function startSignIn(data: unknown): Promise<PageReply> {
  const req = AuthStartRequest.safeParse(data);
  if (!req.success) return fail('errorInvalidEmail');
  try {
    await apiClient(backendUrlOf(await loadAccount())).startSignIn(req.data.email);
    return { ok: true };
  } catch (err) {
    return explain(err);
  }
}

export async function verifySignIn(data: unknown): Promise<PageReply> {
  const req = AuthVerifyRequest.safeParse(data);
  if (!req.success) return fail('errorInvalidCode');
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
    return explain(err, true);
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

const URL_ERRORS: readonly string[] = [
  'errorUrlInvalid',
  'errorUrlHttps',
  'errorUrlPath',
  'errorUrlCredentials',
];

export async function setBackendUrl(data: unknown): Promise<PageReply> {
  const url = BackendUrl.safeParse(data);
  if (!url.success) {
    const key = url.error.issues[0]?.message ?? '';
    return fail(URL_ERRORS.includes(key) ? (key as ErrorKey) : 'errorUrlInvalid');
  }
  const account = await loadAccount();
  if (account.token && backendUrlOf(account) !== url.data) return fail('errorSwitchServer');
  await saveAccount({ backendUrl: url.data });
  void refreshCatalogue();
  return { ok: true };
}
