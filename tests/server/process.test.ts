import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncResponse } from '../../utils/contract';
import { claimOp, createTestDb } from './helpers';

/** The real thing: `tsx server/main.ts` on a free port, spoken to over HTTP. */
const TSX = 'node_modules/.bin/tsx';
const SECRET = 'process-test-secret-0123456789';
let server: ChildProcess;
let base: string;
let output = '';
let dbHandle: Awaited<ReturnType<typeof createTestDb>> | null = null;

function run(cmd: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const p = spawn(cmd, args, { env: { ...process.env, ...env } });
    let out = '';
    p.stdout.on('data', (d) => {
      out += d;
    });
    p.stderr.on('data', (d) => {
      out += d;
    });
    p.on('exit', (code) => resolve({ code, out }));
  });
}

beforeAll(async () => {
  const env: Record<string, string> = {
    ...process.env,
    PORT: '0',
    DEMO_PARTNER_SECRET: SECRET,
    WELCOME_BONUS_POINTS: '250',
    NODE_ENV: 'test',
  } as Record<string, string>;
  if (process.env.TEST_DATABASE_URL) {
    // A fresh, empty database: the server migrates it itself.
    dbHandle = await createTestDb({ migrate: false });
    env.DATABASE_URL = dbHandle.url!;
  } else {
    env.DATA_DIR = 'memory://';
    delete env.DATABASE_URL;
  }
  server = spawn(TSX, ['server/main.ts', '--seed-demo', '--dev-codes', '--fault-mode'], { env });
  base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const onData = (d: Buffer) => {
      output += d;
      const m = /Pointpilot server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    server.stdout!.on('data', onData);
    server.stderr!.on('data', (d) => {
      output += d;
    });
    server.on('exit', (code) => reject(new Error(`server exited ${code}:\n${output}`)));
  });
});

afterAll(async () => {
  if (server.exitCode === null) server.kill('SIGKILL');
  await dbHandle?.close();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('server process', () => {
  let auth: Record<string, string>;
  const orderRef = `PROC-${randomUUID().slice(0, 8)}`;

  it('signs in with the code from the log and from /v1/dev/last-code', async () => {
    const email = 'process@example.test';
    expect((await post('/v1/auth/start', { email })).status).toBe(202);
    const dev = (await (
      await fetch(`${base}/v1/dev/last-code?email=${encodeURIComponent(email)}`)
    ).json()) as { code: string };
    expect(output).toContain(`code=${dev.code}`);
    const verify = (await (await post('/v1/auth/verify', { email, code: dev.code })).json()) as {
      token: string;
    };
    auth = { authorization: `Bearer ${verify.token}` };
    const requestLine = output.split('\n').find((l) => l.includes('"route":"/v1/auth/verify"'));
    expect(JSON.parse(requestLine!)).toMatchObject({
      method: 'POST',
      status: 200,
      requestId: expect.any(String),
    });
  });

  it('takes a claim, and the partner CLI confirms it', async () => {
    const res = await post(
      '/v1/sync',
      { cursor: 0, ops: [claimOp({ orderRef, total: { minor: 4200, currency: 'EUR' } })] },
      auth,
    );
    const body = (await res.json()) as SyncResponse;
    // The new member's welcome bonus (WELCOME_BONUS_POINTS) waits with the claim.
    expect(body.balance).toEqual({ available: 0, pending: 250 + 84 });

    const eventId = randomUUID();
    const cli = await run(
      TSX,
      [
        'scripts/partner.ts',
        'confirm',
        'demo-shop',
        orderRef,
        '--buyer-email',
        'Process@Example.test',
        '--server',
        base,
        '--event-id',
        eventId,
      ],
      { DEMO_PARTNER_SECRET: SECRET },
    );
    expect(cli.code, cli.out).toBe(0);
    expect(cli.out).toContain('"status": "confirmed"');
    const replay = await run(
      TSX,
      [
        'scripts/partner.ts',
        'confirm',
        'demo-shop',
        orderRef,
        '--buyer-email',
        'process@example.test',
        '--server',
        base,
        '--event-id',
        eventId,
      ],
      { DEMO_PARTNER_SECRET: SECRET },
    );
    expect(replay.code).toBe(1);
    expect(replay.out).toContain('409');
    const wrong = await run(TSX, [
      'scripts/partner.ts',
      'return',
      'demo-shop',
      orderRef,
      '--amount',
      '10.00',
      '--server',
      base,
      '--secret',
      'wrong-secret-0000000000',
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.out).toContain('401');
    const ret = await run(
      TSX,
      [
        'scripts/partner.ts',
        'return',
        'demo-shop',
        orderRef,
        '--amount',
        '10,50',
        '--server',
        base,
      ],
      { DEMO_PARTNER_SECRET: SECRET },
    );
    expect(ret.code, ret.out).toBe(0);

    const next = (await (
      await post('/v1/sync', { cursor: body.cursor, ops: [] }, auth)
    ).json()) as SyncResponse;
    // The first confirmed purchase also releases the welcome bonus.
    expect(next.changes.map((c) => [c.kind, c.points, c.code])).toEqual([
      ['confirm', 84, undefined],
      ['confirm', 250, 'welcome-released'],
      ['adjust', -21, 'partial-return'],
    ]);
    expect(next.balance).toEqual({ available: 250 + 63, pending: 0 });
  });

  it('fault mode: a dropped response still stores the op; the re-send gets the same ack', async () => {
    const op = claimOp();
    expect((await post('/v1/dev/faults', { fail: 0, drop: 1, maxDelayMs: 0 })).status).toBe(200);
    await expect(post('/v1/sync', { cursor: 0, ops: [op] }, auth)).rejects.toThrow();
    await post('/v1/dev/faults', { fail: 1, drop: 0, maxDelayMs: 0 });
    const failed = await post('/v1/sync', { cursor: 0, ops: [op] }, auth);
    expect(failed.status).toBe(500);
    expect(failed.headers.get('content-type')).toBe('application/problem+json');
    await post('/v1/dev/faults', { fail: 0, drop: 0, maxDelayMs: 50 });
    const resent = (await (
      await post('/v1/sync', { cursor: 0, ops: [op] }, auth)
    ).json()) as SyncResponse;
    expect(resent.acks[0]).toMatchObject({ opId: op.id, status: 'accepted' });
    expect(resent.changes.filter((c) => c.id === op.id)).toHaveLength(1);
  });

  it('shuts down cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => server.on('exit', resolve));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('"msg":"stopped"');
  });
});
