import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Backend {
  url: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
  /** Stops the process but keeps its data, like a crash or an outage. */
  kill(): Promise<void>;
  /** Starts the same server again (same data, same port), stopping it first if it runs. */
  restart(): Promise<void>;
  log: string[];
}

/**
 * The real backend process (`tsx server/main.ts`) on 127.0.0.1, with its own
 * PGlite data folder, the demo program seeded and dev sign-in codes exposed.
 */
export async function startBackend(
  opts: { env?: Record<string, string>; args?: string[] } = {},
): Promise<Backend> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pp-server-'));
  const log: string[] = [];
  let child: ChildProcess | undefined;
  let port = 0;

  const launch = () =>
    new Promise<number>((resolve, reject) => {
      child = spawn(
        process.execPath,
        ['--import', 'tsx', 'server/main.ts', '--seed-demo', '--dev-codes', ...(opts.args ?? [])],
        {
          env: {
            ...process.env,
            HOST: '127.0.0.1',
            PORT: String(port),
            DATA_DIR: dataDir,
            CLAIMS_PER_MEMBER_HOUR: '100000',
            DEMO_PARTNER_CLAIMS_PER_HOUR: '100000',
            RATE_LIMIT_PER_MINUTE: '0',
            ...opts.env,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      const timer = setTimeout(
        () => reject(new Error(`server did not start:\n${log.join('\n')}`)),
        60_000,
      );
      const onData = (buf: Buffer) => {
        for (const line of buf.toString().split('\n')) {
          if (!line) continue;
          log.push(line);
          if (log.length > 2000) log.shift();
          const m = line.match(/Pointpilot server listening on http:\/\/127\.0\.0\.1:(\d+)/);
          if (m) {
            clearTimeout(timer);
            resolve(Number(m[1]));
          }
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.on('exit', (code) => {
        clearTimeout(timer);
        if (code !== 0 && code !== null)
          reject(new Error(`server exited ${code}:\n${log.join('\n')}`));
      });
    });

  const stop = async () => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((done) => {
      c.once('exit', () => done());
      c.kill('SIGTERM');
      setTimeout(() => c.kill('SIGKILL'), 15_000).unref();
    });
  };

  port = await launch();
  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    dataDir,
    log,
    stop: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    kill: stop,
    restart: async () => {
      await stop();
      await launch();
    },
  } as Backend;
}

export async function devCode(backend: Backend, email: string): Promise<string> {
  const res = await fetch(`${backend.url}/v1/dev/last-code?email=${encodeURIComponent(email)}`);
  if (!res.ok) throw new Error(`no code for ${email}: ${res.status}`);
  return ((await res.json()) as { code: string }).code;
}
