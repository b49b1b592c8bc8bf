// Browser-side adapter: the account lives in storage.local (never in memory only).
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { Member } from '../contract';
import { STORAGE_KEYS } from '../storage-keys';
import { BackendUrl } from './backend-url';

export const ACCOUNT_KEY = STORAGE_KEYS.account;

export const Account = z.object({
  /** Set in options; otherwise the build's default. */
  backendUrl: z.string().optional(),
  token: z.string().optional(),
  member: Member.optional(),
  /** The server refused the token: the user must sign in again. */
  needsSignIn: z.boolean().default(false),
});
export type Account = z.infer<typeof Account>;

export const DEFAULT_BACKEND_URL: string = BackendUrl.parse(
  import.meta.env.WXT_BACKEND_URL || 'http://127.0.0.1:8787',
);

export async function loadAccount(): Promise<Account> {
  const raw = (await browser.storage.local.get(ACCOUNT_KEY))[ACCOUNT_KEY];
  const parsed = Account.safeParse(raw ?? {});
  // A corrupt record is treated as signed out rather than crashing the worker.
  return parsed.success ? parsed.data : Account.parse({});
}

export async function saveAccount(patch: Partial<Account>): Promise<Account> {
  const next = Account.parse({ ...(await loadAccount()), ...patch });
  await browser.storage.local.set({ [ACCOUNT_KEY]: next });
  return next;
}

export function backendUrlOf(account: Account): string {
  return account.backendUrl ?? DEFAULT_BACKEND_URL;
}
