import { createMiddleware } from 'hono/factory';
import type { FaultConfig } from '../settings';
import type { AppEnv } from './env';
import { ProblemError } from './problem';

/** The live fault settings; null when fault mode is off. Changed at runtime via /v1/dev/faults. */
export class FaultState {
  constructor(public current: FaultConfig | null) {}
  get enabled() {
    return this.current !== null;
  }
}

/**
 * Injects the failures a flaky network and server produce, for the sync e2e
 * tests: a 500 before any work, a random delay, and a dropped connection
 * after the transaction committed (the client sees a network error although
 * its ops are stored, and must re-send them harmlessly).
 */
export const injectFaults = (state: FaultState) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const f = state.current;
    if (!f) return next();
    if (Math.random() < f.fail)
      throw new ProblemError(500, 'internal', 'Injected fault (fault mode)');
    await next();
    if (f.maxDelayMs > 0) await new Promise((r) => setTimeout(r, Math.random() * f.maxDelayMs));
    if (Math.random() < f.drop) c.env?.incoming?.socket.destroy();
  });
