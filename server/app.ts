import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { sql } from 'kysely';
import type { ProblemType } from '../utils/contract';
import type { Db } from './db/schema';
import type { AppEnv } from './http/env';
import { FaultState, injectFaults } from './http/faults';
import { perRequest } from './http/per-request';
import { ProblemError, problemResponse } from './http/problem';
import { WindowLimiter } from './http/rate-limit';
import { authenticate, requireMember } from './http/require-member';
import { operatorGuard } from './http/require-operator';
import { createLogger, type Logger } from './log';
import { authRoutes } from './routes/auth';
import { causeRoutes } from './routes/causes';
import { devRoutes } from './routes/dev';
import { meRoutes } from './routes/me';
import { operatorExpiryRoutes } from './routes/operator-expiry';
import { operatorPartnerRoutes } from './routes/operator-partners';
import { operatorPlanRoutes } from './routes/operator-plans';
import { operatorSurveyRoutes } from './routes/operator-surveys';
import { partnerClaimRoutes } from './routes/partner-claims';
import { partnerRoutes } from './routes/partners';
import { programRoutes } from './routes/program';
import { referralLinkRoutes } from './routes/referral-link';
import { rewardRoutes } from './routes/rewards';
import { surveyRoutes } from './routes/surveys';
import { syncRoutes } from './routes/sync';
import { webhookRoutes } from './routes/webhooks';
import { capturingMailer, logMailer, type Mailer } from './services/mailer';
import { tokenCacheFor } from './services/token-cache';
import { DEFAULT_SETTINGS, type Settings } from './settings';

export interface AppDeps {
  db: Db;
  settings?: Partial<Settings>;
  log?: Logger;
  /** Sends sign-in codes; default: the log (development) or nothing (production). */
  mailer?: Mailer;
}

// Extension pages call with a bearer token, never with cookies; web pages may not.
const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension):\/\/[a-z0-9-]{1,64}$/;

const STATUS_TYPES: Record<number, ProblemType> = {
  400: 'validation',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'validation',
  422: 'validation',
  429: 'rate-limited',
};

/** The whole HTTP API as a Hono app; no listening, so tests call it in-process. */
export function createApp(deps: AppDeps) {
  const settings: Settings = { ...DEFAULT_SETTINGS, ...deps.settings };
  const log = deps.log ?? createLogger(settings.log);
  const { db } = deps;
  const faults = new FaultState(settings.faults);
  const devCodes = settings.devCodes ? new Map<string, string>() : null;
  const baseMailer = deps.mailer ?? logMailer(log, settings.production);
  const mailer = devCodes ? capturingMailer(baseMailer, devCodes) : baseMailer;
  // Verified bearer tokens for this instance (services/token-cache.ts); sign-outs elsewhere are seen within the TTL.
  tokenCacheFor(db, { ttlMs: settings.tokenCacheSeconds * 1000 });
  const member = requireMember(db, new WindowLimiter(settings.requestsPerMinute));

  const app = new OpenAPIHono<AppEnv>();
  // Request id, no-store/nosniff, CORS and the body limit: one middleware (server/http/per-request.ts).
  // Only the extension's pages (and the operator console, if configured) may
  // call from a browser: any other web page gets no CORS grant, so it cannot
  // drive the API from its visitors' browsers.
  app.use(
    '*',
    perRequest({
      log,
      allowOrigin: (origin) =>
        EXTENSION_ORIGIN.test(origin) || origin === settings.consoleOrigin ? origin : null,
      bodyLimitBytes: settings.bodyLimitBytes,
    }),
  );

  app.get('/healthz', async (c) => {
    try {
      await sql`SELECT 1`.execute(db);
      return c.json({ status: 'ok' });
    } catch {
      return c.json({ status: 'unavailable' }, 503);
    }
  });

  app.route(
    '/v1',
    authRoutes({
      db,
      mailer,
      secret: settings.authSecret,
      limits: settings.authLimits,
      trustProxy: settings.trustProxy,
      tokenTtlDays: settings.tokenTtlDays,
      welcomeBonusPoints: settings.welcomeBonusPoints,
      authenticate: authenticate(db),
    }),
  );
  app.route('/v1', meRoutes({ db, requireMember: member }));
  app.route('/v1', partnerRoutes({ db }));
  app.route('/v1', programRoutes({ db, requireMember: member, settings }));
  app.route('/v1', rewardRoutes({ db, requireMember: member }));
  app.route('/v1', causeRoutes({ db, requireMember: member }));
  app.route('/v1', surveyRoutes({ db, requireMember: member }));
  app.route(
    '/v1',
    syncRoutes({
      db,
      requireMember: member,
      faults: injectFaults(faults),
      claimsPerMemberHour: settings.claimsPerMemberHour,
    }),
  );
  app.route('/v1', webhookRoutes({ db, settings }));
  app.route('/v1', partnerClaimRoutes({ db }));
  // One operator guard for every /v1/operator route: one request budget per client address.
  const operator = operatorGuard(settings);
  if (!operator.enabled) log.info({ msg: 'operator API disabled: OPERATOR_TOKEN is not set' });
  app.route('/v1', operatorSurveyRoutes({ db, operator: operator.guard, log }));
  app.route('/v1', operatorPartnerRoutes({ db, operator: operator.guard }));
  app.route('/v1', operatorExpiryRoutes({ db, operator: operator.guard, settings }));
  app.route(
    '/v1',
    operatorPlanRoutes({ db, operator: operator.guard, multiplier: settings.plusMultiplier }),
  );
  app.route('/', referralLinkRoutes());
  app.route('/v1', devRoutes({ devCodes, faults }));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
  });
  let openapi: unknown = null;
  app.get('/v1/openapi.json', (c) => {
    openapi ??= app.getOpenAPI31Document({
      openapi: '3.1.0',
      info: { title: 'Pointpilot loyalty API', version: '1' },
    });
    return c.json(openapi);
  });

  app.notFound((c) =>
    problemResponse(new ProblemError(404, 'not-found', `No route ${c.req.method} ${c.req.path}`)),
  );
  app.onError((err, c) => {
    if (err instanceof ProblemError) {
      if (err.status >= 500) log.error({ msg: err.message, requestId: c.var.requestId });
      return problemResponse(err);
    }
    if (err instanceof HTTPException && STATUS_TYPES[err.status]) {
      return problemResponse(new ProblemError(err.status, STATUS_TYPES[err.status]!, err.message));
    }
    // Details stay in the log; the client learns only the request id.
    log.error({
      msg: 'unhandled error',
      requestId: c.var.requestId,
      error: String(err),
      stack: (err as Error).stack,
    });
    return problemResponse(
      new ProblemError(500, 'internal', `Request ${c.var.requestId ?? ''} failed`.trim()),
    );
  });

  return { app, faults, devCodes, settings };
}

export type App = ReturnType<typeof createApp>['app'];
