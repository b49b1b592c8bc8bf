import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportedClaimFeed } from '../../utils/contract';
import { dayString, epochDay } from '../../utils/contract/missing-claim';
import { createTestContext, DEMO_SECRET, type TestContext } from './helpers';

/**
 * The partner CLI's `feed` action against the app on a real port: it signs
 * the feed request with the partner's secret and prints each reported
 * purchase as a line the back office can act on.
 */
let ctx: TestContext;
let server: ServerType;
let base: string;

beforeAll(async () => {
  ctx = await createTestContext();
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: ctx.app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((done) => server.close(done));
  await ctx.close();
});

function cli(args: string[], env: Record<string, string> = { DEMO_PARTNER_SECRET: DEMO_SECRET }) {
  // The secret comes from DEMO_PARTNER_SECRET or --secret, never from the caller's shell.
  const { PARTNER_SECRET: _ignored, ...inherited } = process.env;
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const p = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/partner.ts', ...args, '--server', base],
      { env: { ...inherited, ...env } },
    );
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => {
      out += d;
    });
    p.stderr.on('data', (d) => {
      err += d;
    });
    p.on('exit', (code) => resolve({ code, out, err }));
  });
}

const daysAgo = (n: number) => dayString(epochDay(new Date().toISOString().slice(0, 10))! - n);

async function report(orderRef: string, minor: number) {
  const m = await ctx.signIn();
  const purchasedOn = daysAgo(3);
  const res = await ctx.sync(m.token, {
    cursor: 0,
    ops: [
      {
        id: randomUUID(),
        type: 'missing-claim',
        createdAt: new Date().toISOString(),
        purchase: {
          partnerId: 'demo-shop',
          orderRef,
          purchasedOn,
          amount: { minor, currency: 'EUR' },
        },
      },
    ],
  });
  expect(res.body.acks[0]).toMatchObject({ status: 'accepted' });
  return purchasedOn;
}

describe('npm run partner -- feed', () => {
  it('says so when nothing is waiting', async () => {
    const r = await cli(['feed', 'demo-shop']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('demo-shop: no reported purchases waiting');
  });

  it('prints each reported purchase as a line, and the raw answer with --json', async () => {
    const orderRef = `MISS-${randomUUID().slice(0, 8)}`;
    const purchasedOn = await report(orderRef, 5980);
    const r = await cli(['feed', 'demo-shop']);
    expect(r.code, r.err).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe('demo-shop: 1 reported purchase(s) waiting, oldest first');
    expect(lines[1]).toMatch(
      new RegExp(
        `^${orderRef} {2}59\\.80 EUR {2}bought ${purchasedOn} {2}reported \\d{4}-\\d\\d-\\d\\dT`,
      ),
    );
    expect(lines[2]).toContain('npm run partner -- confirm demo-shop <orderRef>');

    const raw = await cli(['feed', 'demo-shop', '--json']);
    expect(raw.code, raw.err).toBe(0);
    expect(ReportedClaimFeed.parse(JSON.parse(raw.out)).claims).toEqual([
      expect.objectContaining({ orderRef, amount: { minor: 5980, currency: 'EUR' }, purchasedOn }),
    ]);
  });

  it('shows a member’s bidi override in an order reference escaped, not as is', async () => {
    await report('EVIL-\u202e321', 100);
    const r = await cli(['feed', 'demo-shop']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('EVIL-\\u{202e}321  1.00 EUR');
    expect(r.out).not.toContain('\u202e');
  });

  it('fails with exit code 1 and the 401 on a wrong secret, 2 on bad usage', async () => {
    const wrong = await cli(['feed', 'demo-shop', '--secret', 'not-the-secret-0123456789']);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('feed demo-shop → 401');
    const usage = await cli(['feed']);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('usage:');
  });
});
