import { OpenAPIHono } from '@hono/zod-openapi';
import { Email } from '../../utils/contract';
import { jsonBody } from '../http/body';
import type { AppEnv } from '../http/env';
import type { FaultState } from '../http/faults';
import { ProblemError, validation } from '../http/problem';
import { FaultConfig } from '../settings';

/**
 * Test helpers, mounted only when the server was started with --dev-codes
 * (last sign-in code per email) or --fault-mode (read/change faults). They are
 * left out of the OpenAPI document on purpose.
 */
export function devRoutes(deps: { devCodes: Map<string, string> | null; faults: FaultState }) {
  const app = new OpenAPIHono<AppEnv>();
  if (deps.devCodes) {
    const codes = deps.devCodes;
    app.get('/dev/last-code', (c) => {
      const email = Email.safeParse(c.req.query('email') ?? '');
      if (!email.success) throw validation(email.error, 'Pass ?email=');
      const code = codes.get(email.data);
      if (!code) throw new ProblemError(404, 'not-found', 'No code sent to this address');
      return c.json({ email: email.data, code });
    });
  }
  if (deps.faults.enabled) {
    app.get('/dev/faults', (c) => c.json(deps.faults.current));
    app.post('/dev/faults', async (c) => {
      deps.faults.current = await jsonBody(c, FaultConfig);
      return c.json(deps.faults.current);
    });
  }
  return app;
}
