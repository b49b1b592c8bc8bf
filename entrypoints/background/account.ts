import { z } from 'zod';
import { BackendUrl } from '@/utils/account';
import { backendUrlOf, loadAccount, saveAccount } from '@/utils/account/storage';
import { ApiError, apiClient } from '@/utils/api/client';
import { AuthStartRequest, AuthVerifyRequest } from '@/utils/contract';
import { clearLedgerForSignOut, ledgerDb, unsentPurchases } from '@/utils/ledger';
import type { ErrorKey, PageReply, SignInReply, SignOutReply } from '@/utils/messaging';
import { loadCatalogue } from '@/utils/partners/stored';
import { refreshCatalogue } from './catalogue-refresh';
import { programRefreshSettled, refreshProgram } from './program-refresh';
import { requestSync } from './sync';

const fail = (error: ErrorKey, detail?: string): PageReply => ({ ok: false, error, detail });

/** What the shopper is told when a call to the backend fails. */
function explain(err: unknown, wrongCode = false): PageReply {
  if (!(err instanceof ApiError)) return fail('errorGeneric');
  if (err.kind === 'offline') return fail('errorOffline');
  if (err.kind === 'server') return fail('errorServer');
  if (err.kind === 'response') return fail('errorResponse');
  if (err.status === 429)
    return err.retryAfter === undefined
      ? fail('errorTooMany')
      : { ok: false, error: 'errorTooMany', retryAfter: err.retryAfter };
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

export async function verifySignIn(data: unknown): Promise<SignInReply> {
  const req = AuthVerifyRequest.safeParse(data);
  if (!req.success)
    return fail(
      req.error.issues.some((i) => i.path[0] === 'referralCode')
        ? 'errorReferralInvalid'
        : 'errorInvalidCode',
    );
  try {
    const account = await loadAccount();
    const { token, member, referral } = await apiClient(backendUrlOf(account)).verifySignIn(
      req.data.email,
      req.data.code,
      req.data.referralCode,
    );
    await saveAccount({ token, member, needsSignIn: false });
    // Claims collected while signed out go up now; the member's tier, coupons and rewards come down.
    void requestSync({ force: true });
    void refreshProgram({ force: true });
    return referral ? { ok: true, referral } : { ok: true };
  } catch (err) {
    // The only 422 of a well-formed sign-in: a friend's code no member has (the sign-in code stays valid).
    if (req.data.referralCode && err instanceof ApiError && err.status === 422)
      return fail('errorReferralUnknown');
    return explain(err, true);
  }
}

/**
 * The page's sign-out request (untrusted): nothing, what to do with unsent
 * purchases, and whether to sign out every other device too.
 */
const SignOutRequest = z
  .strictObject({ unsent: z.literal('keep').optional(), everywhere: z.boolean().optional() })
  .optional()
  .transform((r) => r ?? {});

/**
 * Signs out and deletes the local ledger (the UI asked the user to confirm
 * first). What still waits in the outbox is sent first. If some of it could
 * not be sent, nothing is deleted and the reply lists it, unless the user
 * chose to keep it on this device (`{ unsent: 'keep' }`): then those entries
 * and their ops stay, and go up with the next sign-in.
 */
export async function signOut(data: unknown): Promise<SignOutReply> {
  const req = SignOutRequest.safeParse(data);
  if (!req.success) return fail('errorGeneric');
  const db = ledgerDb();
  const account = await loadAccount();
  // Sent, a purchase is safe on the account whatever happens to this device.
  if ((await db.outbox.count()) > 0) await requestSync({ force: true });
  if (req.data.unsent !== 'keep') {
    const unsent = await unsentPurchases(db);
    if (unsent.length > 0) {
      const { index } = await loadCatalogue();
      return {
        ok: false,
        error: 'errorUnsent',
        unsent: unsent.map((u) => ({
          ...u,
          partnerName: u.partnerId ? index.byId(u.partnerId)?.name : undefined,
        })),
      };
    }
  }
  if (account.token && req.data.everywhere) {
    // Shutting out other devices must really happen: if the server cannot be
    // reached, nothing changes here and the shopper is told.
    try {
      await apiClient(backendUrlOf(account)).signOut(account.token, true);
    } catch (err) {
      return fail('errorSignOutEverywhere', err instanceof Error ? err.message : undefined);
    }
  } else if (account.token) {
    // Best effort: the token is forgotten locally whatever the server says.
    await apiClient(backendUrlOf(account))
      .signOut(account.token)
      .catch(() => undefined);
  }
  // A sync started meanwhile (poll alarm) finishes before the ledger is cleared,
  // so it cannot write the old account's entries or cursor afterwards.
  await requestSync();
  await programRefreshSettled(); // nor the old account's tier, coupons or rewards
  // Whatever is still unsent now stays (also a purchase recorded a moment ago).
  await clearLedgerForSignOut(db);
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
