/**
 * Journeys and server-side checks shared by the e2e specs: sign in through
 * the options page, read the member's token, ask the server what it holds,
 * play the partner's back office, and act as a hostile client on the API.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { BrowserContext, Worker } from '@playwright/test';
import { type Backend, devCode } from './backend';
import { OptionsPage } from './pages/options';

export async function signedIn(
  context: BrowserContext,
  extensionId: string,
  backend: Backend,
  email: string,
) {
  const options = await OptionsPage.open(context, extensionId);
  await options.setBackend(backend.url);
  await options.signIn(backend, email);
  return options;
}

/** The member's token, read from the extension's storage, to ask the server directly. */
export async function tokenOf(worker: Worker): Promise<string> {
  return worker.evaluate(async () => {
    const c = (
      globalThis as unknown as {
        chrome: {
          storage: { local: { get(k: string): Promise<Record<string, { token: string }>> } };
        };
      }
    ).chrome;
    return (await c.storage.local.get('account')).account!.token;
  });
}

export async function serverView(backend: Backend, token: string) {
  const me = (await (
    await fetch(`${backend.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } })
  ).json()) as {
    balance: { available: number; pending: number };
  };
  const claims: { id: string; orderRef: string }[] = [];
  let cursor = 0;
  for (;;) {
    const res = await fetch(`${backend.url}/v1/sync`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ cursor, ops: [] }),
    });
    const body = (await res.json()) as {
      changes: { kind: string; id: string; orderRef: string }[];
      cursor: number;
      hasMore: boolean;
    };
    claims.push(...body.changes.filter((c) => c.kind === 'claim'));
    cursor = body.cursor;
    if (!body.hasMore) break;
  }
  return { balance: me.balance, claims, token };
}

/**
 * The partner's back office (scripts/partner.ts) acting on an order. A local
 * "pending" entry may not have reached the server yet, and the server answers
 * 404 for an order it has no claim for: that is retried for up to 30 s.
 */
export function partnerCli(backend: Backend, ...args: string[]): string {
  const argv = ['--import', 'tsx', 'scripts/partner.ts', ...args, '--server', backend.url];
  const deadline = Date.now() + 30_000;
  for (;;) {
    const run = spawnSync(process.execPath, argv, { encoding: 'utf8' });
    if (run.status === 0) return run.stdout;
    if (!run.stdout.includes('→ 404') || Date.now() > deadline) {
      throw new Error(`partner ${args.join(' ')} failed:\n${run.stdout}${run.stderr}`);
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
  }
}

/** The partner confirms `orderRef` for the buyer at checkout (once the claim reached the server). */
export async function partnerConfirm(backend: Backend, orderRef: string, email: string) {
  return partnerCli(backend, 'confirm', 'demo-shop', orderRef, '--buyer-email', email);
}

/** A member signed in over the API only (another shopper, or an attacker). */
export async function apiMember(backend: Backend, email = `api-${randomUUID()}@example.test`) {
  const post = (path: string, body: unknown) =>
    fetch(`${backend.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  await post('/v1/auth/start', { email });
  const res = await post('/v1/auth/verify', { email, code: await devCode(backend, email) });
  const { token } = (await res.json()) as { token: string };
  return { email, token };
}

/** POSTs one op for `token`, as a hostile client would; returns its ack. */
export async function opOverApi(backend: Backend, token: string, op: Record<string, unknown>) {
  const res = await fetch(`${backend.url}/v1/sync`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      cursor: 0,
      ops: [{ id: randomUUID(), createdAt: new Date().toISOString(), ...op }],
    }),
  });
  return ((await res.json()) as { acks: { status: string; code?: string }[] }).acks[0]!;
}

/** POSTs one claim op for `token`, as a hostile client would; returns the ack. */
export function claimOverApi(
  backend: Backend,
  token: string,
  claim: { orderRef: string; minor: number },
) {
  return opOverApi(backend, token, {
    type: 'claim',
    claim: {
      partnerId: 'demo-shop',
      orderRef: claim.orderRef,
      total: { minor: claim.minor, currency: 'EUR' },
      detectedAt: new Date().toISOString(),
      signals: ['jsonld'],
    },
  });
}
