/** Request builders of the load bench (bench/load.ts): members, polls, claims, signed confirmations. */
import { randomUUID } from 'node:crypto';
import type autocannon from 'autocannon';
import { buyerEmailHmac } from '../server/services/buyer-proof';
import { signHeader } from '../server/services/signature';
import { claimOp } from '../tests/server/helpers';

export const SECONDS = Number(process.env.LOAD_SECONDS ?? 5);
export const CONNECTIONS = 32;
export const SECRET = 'load-bench-secret-0123456789abcdef';
export const MEMBERS = 128;

export interface Member {
  email: string;
  token: string;
  cursor: number;
}

async function post(url: string, body: unknown, token?: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<Record<string, unknown>>;
}

export async function signInMembers(base: string, store: string): Promise<Member[]> {
  const slug = store.replace(/\W+/g, '-').toLowerCase();
  const one = async (i: number): Promise<Member> => {
    const email = `load-${slug}-${i}@example.test`;
    await post(`${base}/v1/auth/start`, { email });
    const res = await fetch(`${base}/v1/dev/last-code?email=${encodeURIComponent(email)}`);
    const { code } = (await res.json()) as { code: string };
    const { token } = (await post(`${base}/v1/auth/verify`, { email, code })) as { token: string };
    // First poll: the member's cursor after the welcome bonus, as a client holds it.
    const { cursor } = (await post(`${base}/v1/sync`, { cursor: 0, ops: [] }, token)) as {
      cursor: number;
    };
    return { email, token, cursor };
  };
  const members: Member[] = [];
  for (let i = 0; i < MEMBERS; i += 8) {
    members.push(...(await Promise.all(Array.from({ length: 8 }, (_, k) => one(i + k)))));
  }
  return members;
}

export type Requests = autocannon.Request[];

// As the extension sends them: its origin, so the CORS grant is part of every answer.
const JSON_HEADERS = {
  'content-type': 'application/json',
  origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
};

export function polls(members: Member[]) {
  let i = 0;
  const requests: Requests = [
    {
      method: 'POST',
      path: '/v1/sync',
      setupRequest: (req) => {
        const m = members[i++ % members.length]!;
        return {
          ...req,
          headers: { ...JSON_HEADERS, authorization: `Bearer ${m.token}` },
          body: JSON.stringify({ cursor: m.cursor, ops: [] }),
        };
      },
    },
  ];
  return { requests, failures: () => 0 };
}

export interface Claimed {
  email: string;
  orderRef: string;
}

export function claims(members: Member[], claimed: Claimed[]) {
  let i = 0;
  let failures = 0;
  const requests: Requests = [
    {
      method: 'POST',
      path: '/v1/sync',
      setupRequest: (req, context) => {
        const m = members[i % members.length]!;
        const orderRef = `LOAD-${i++}-${randomUUID().slice(0, 8)}`;
        Object.assign(context, { m, orderRef });
        const op = claimOp({ orderRef, total: { minor: 1999, currency: 'EUR' } });
        return {
          ...req,
          headers: { ...JSON_HEADERS, authorization: `Bearer ${m.token}` },
          body: JSON.stringify({ cursor: m.cursor, ops: [op] }),
        };
      },
      onResponse: (status, body, context) => {
        const { m, orderRef } = context as { m: Member; orderRef: string };
        const res = status === 200 ? (JSON.parse(body) as { cursor: number; acks: Ack[] }) : null;
        if (res?.acks[0]?.status !== 'accepted') return void failures++;
        m.cursor = Math.max(m.cursor, res.cursor);
        claimed.push({ email: m.email, orderRef });
      },
    },
  ];
  return { requests, failures: () => failures };
}
type Ack = { status: string };

export function confirmations(claimed: Claimed[]) {
  let failures = 0;
  let e = 0;
  const requests: Requests = [
    {
      method: 'POST',
      path: '/v1/partners/demo-shop/orders',
      setupRequest: (req) => {
        const c = claimed.shift();
        if (!c) return req; // never reached: the run's amount is capped by what is left
        const raw = JSON.stringify({
          event: 'confirm',
          eventId: `load-${e++}-${randomUUID().slice(0, 8)}`,
          orderRef: c.orderRef,
          buyer: { emailHmac: buyerEmailHmac(SECRET, c.email) },
        });
        const headers = {
          'content-type': 'application/json',
          'pointpilot-signature': signHeader(SECRET, raw),
        };
        return { ...req, headers, body: raw };
      },
      onResponse: (status, body) => {
        if (status !== 200 || (JSON.parse(body) as { status: string }).status !== 'confirmed')
          failures++;
      },
    },
  ];
  return {
    requests,
    failures: () => failures,
    warmAmount: () => Math.max(CONNECTIONS, Math.floor(claimed.length / 6)),
    amount: (rate: number) =>
      Math.max(CONNECTIONS, Math.min(claimed.length, Math.ceil(rate * SECONDS))),
  };
}
