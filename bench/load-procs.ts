/** Processes of the load bench (bench/load.ts): a Node server on a free port, its CPU time from /proc. */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TICKS_PER_SECOND = 100; // Linux USER_HZ (getconf CLK_TCK)

export interface Proc {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** A Node process that prints "listening on http://127.0.0.1:<port>" once ready. */
export function startNode(args: string[], env: Record<string, string>): Promise<Proc> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: string[] = [];
    const stop = () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      });
    const onData = (buf: Buffer) => {
      out.push(buf.toString());
      const m = out.join('').match(/listening on http:\/\/127\.0\.0\.1:(\d+)/);
      if (m && child.pid) resolve({ url: `http://127.0.0.1:${m[1]}`, pid: child.pid, stop });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`process exited ${code}: ${out.join('')}`)));
  });
}

// The bare baseline: same framework and adapter, the same answer serialised per request.
// STACK (the file URL of server/http/per-request.ts; the process then runs
// with tsx) adds the app's own per-request middleware (request id and a log
// call, response headers, CORS, body limit) to tell the framework's share of
// a poll from the database's and auth's.
export const PER_REQUEST = new URL('../server/http/per-request.ts', import.meta.url).href;
export const BARE = `import { serve } from '@hono/node-server'; import { Hono } from 'hono';
const answer = JSON.parse(process.env.ANSWER); const app = new Hono();
if (process.env.STACK) {
  const { perRequest } = await import(process.env.STACK);
  app.use('*', perRequest({ log: { info() {} }, bodyLimitBytes: 256 * 1024,
    allowOrigin: (o) => (/^chrome-extension:/.test(o) ? o : null) }));
}
app.post('/v1/sync', async (c) => { await c.req.json(); return c.json(answer); });
serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (i) => console.log('listening on http://127.0.0.1:' + i.port));`;

/** utime + stime (+ reaped children) of a process, in ms. */
export function cpuMs(pid: number, withChildren = false): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = [11, 12, ...(withChildren ? [13, 14] : [])].reduce((s, i) => s + Number(f[i]), 0);
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** CPU of a PostgreSQL server: the postmaster, its live backends and reaped ones. */
export function pgCpuMs(postmaster: number): number {
  let total = cpuMs(postmaster, true);
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster)
        total += cpuMs(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return total;
}
