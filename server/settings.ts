import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DEFAULT_EXPIRY_POLICY, type ExpiryPolicy, parseMonthDay } from '../utils/loyalty/expiry';
import { type AuthLimits, DEFAULT_AUTH_LIMITS } from './services/throttle';

/** Runtime fault injection for /v1/sync (issue 6's e2e tests). Shares are 0..1. */
export const FaultConfig = z.object({
  /** Share of sync requests answered 500 before anything is done. */
  fail: z.number().min(0).max(1).default(0),
  /** Share of sync requests whose socket is destroyed after the commit. */
  drop: z.number().min(0).max(1).default(0),
  /** Each sync response waits a random 0..maxDelayMs first. */
  maxDelayMs: z.number().int().min(0).max(60_000).default(0),
});
export type FaultConfig = z.infer<typeof FaultConfig>;

const flag = z
  .string()
  .optional()
  .transform((v) => v === '1' || v === 'true');

const Env = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  DATA_DIR: z.string().min(1).default('./.data/pglite'),
  DATABASE_URL: z.string().url().optional(),
  NODE_ENV: z.string().optional(),
  DEV_CODES: flag,
  FAULTS: z.string().optional(),
  DEMO_PARTNER_SECRET: z.string().min(16).default('demo-shop-dev-secret-0123456789'),
  DEMO_PARTNER_CLAIMS_PER_HOUR: z.coerce.number().int().min(0).default(50),
  WELCOME_BONUS_POINTS: z.coerce.number().int().min(0).max(1_000_000).default(500),
  REFERRAL_BONUS_POINTS: z.coerce.number().int().min(0).max(1_000_000).default(250),
  REFERRAL_MONTHLY_CAP: z.coerce.number().int().min(0).max(10_000).default(10),
  PLUS_MULTIPLIER: z.coerce.number().min(1).max(10).default(2),
  PUBLIC_URL: z.string().url().optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(600),
  TOKEN_CACHE_SECONDS: z.coerce.number().min(0).max(300).default(5),
  CLAIMS_PER_MEMBER_HOUR: z.coerce.number().int().min(0).default(100),
  AUTH_SECRET: z.string().min(32).optional(),
  TRUST_PROXY: flag,
  SIGNIN_CODES_PER_EMAIL_HOUR: z.coerce
    .number()
    .int()
    .min(1)
    .default(DEFAULT_AUTH_LIMITS.codesPerEmailHour),
  SIGNIN_CODES_PER_ADDRESS_HOUR: z.coerce
    .number()
    .int()
    .min(1)
    .default(DEFAULT_AUTH_LIMITS.codesPerAddressHour),
  SIGNIN_FAILURES_PER_EMAIL: z.coerce
    .number()
    .int()
    .min(1)
    .default(DEFAULT_AUTH_LIMITS.failuresPerEmail),
  SIGNIN_FAILURES_PER_ADDRESS: z.coerce
    .number()
    .int()
    .min(1)
    .default(DEFAULT_AUTH_LIMITS.failuresPerAddress),
  SIGNIN_LOCKOUT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(1440)
    .default(DEFAULT_AUTH_LIMITS.lockoutMinutes),
  REJECTED_OPS_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
  CONSOLE_ORIGIN: z.string().url().optional(),
  TIER_PERIOD: z.enum(['rolling-12-months', 'calendar-year']).default('rolling-12-months'),
  TIER_GRACE_DAYS: z.coerce.number().int().min(0).max(365).default(30),
  // Points expiry (utils/loyalty/expiry.ts): per lot after EXPIRY_MONTHS, or on the first EXPIRY_DAY after them.
  EXPIRY_MODE: z.enum(['period', 'yearly', 'off']).default(DEFAULT_EXPIRY_POLICY.mode),
  EXPIRY_MONTHS: z.coerce.number().int().min(1).max(1200).default(DEFAULT_EXPIRY_POLICY.months),
  EXPIRY_DAY: z
    .string()
    .refine((v) => parseMonthDay(v) !== null, 'a day every year has, as MM-DD (e.g. 09-30)')
    .default(DEFAULT_EXPIRY_POLICY.monthDay),
  EXPIRY_WARNING_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
  LOG: z.enum(['json', 'silent']).default('json'),
  // Printable ASCII without spaces: it travels in an Authorization header.
  OPERATOR_TOKEN: z
    .string()
    .min(24)
    .max(256)
    .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces')
    .optional(),
});

/** The operator token outside production when OPERATOR_TOKEN is unset (demo, tests). */
export const DEV_OPERATOR_TOKEN = 'operator-dev-token-0123456789';

export interface Settings {
  host: string;
  port: number;
  /** PGlite folder, or `memory://` for a throwaway in-memory database. */
  dataDir: string;
  databaseUrl?: string;
  production: boolean;
  seedDemo: boolean;
  /** Expose GET /v1/dev/last-code (tests only). */
  devCodes: boolean;
  /** Null: fault mode off, /v1/dev/faults absent. */
  faults: FaultConfig | null;
  demoPartnerSecret: string;
  /** Fraud limit seeded for demo-shop: claims per member per hour (load tests raise it). */
  demoPartnerClaimsPerHour: number;
  /** Per-token request limit; 0 disables it. */
  requestsPerMinute: number;
  /**
   * How long a verified bearer token is trusted without asking the database
   * (services/token-cache.ts); also how late a sign-out through another
   * instance is seen here. 0: every request asks.
   */
  tokenCacheSeconds: number;
  /** Claims one member may make per hour over all partners. */
  claimsPerMemberHour: number;
  bodyLimitBytes: number;
  tokenTtlDays: number;
  /** Points a member gets on first verified sign-in (pending until a first confirmed purchase); 0: none. */
  welcomeBonusPoints: number;
  /** Points the referrer and the referred member each get at the friend's first confirmed purchase. */
  referralBonusPoints: number;
  /** Referral bonuses one referrer can get per calendar month (UTC); beyond it they are recorded as capped. */
  referralMonthlyCap: number;
  /** Earn multiplier of the paid plan Plus on the base rate (added like the tier's). */
  plusMultiplier: number;
  /** Base of share links (`<publicUrl>/r/<code>`); unset: the address the request came to. */
  publicUrl?: string;
  /** Key sign-in codes are derived from; every instance of one deployment needs the same. */
  authSecret: string;
  /** Take the client address from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean;
  authLimits: AuthLimits;
  /** Rejected op rows are deleted after this many days. */
  rejectedOpsRetentionDays: number;
  /** Browser origin of the operator console, allowed by CORS besides extension pages. */
  consoleOrigin?: string;
  /** How qualifying points for tiers are counted. */
  tierPeriod: 'rolling-12-months' | 'calendar-year';
  /** Days after a period's end before a tier is lowered (one level at a time). */
  tierGraceDays: number;
  /**
   * When points expire: mode 'period' (each lot after `months`), 'yearly'
   * (on `monthDay` once `months` have passed) or 'off'. A lot's date is set
   * when it is earned (services/expiry.ts says why).
   */
  expiry: ExpiryPolicy;
  /** The popup warns about points expiring within this many days (0: no warning). */
  expiryWarningDays: number;
  log: 'json' | 'silent';
  /** Bearer token of the operator endpoints (/v1/operator/*); null: they answer 401 to everyone. */
  operatorToken: string | null;
}

export const DEFAULT_SETTINGS: Settings = {
  host: '127.0.0.1',
  port: 8787,
  dataDir: './.data/pglite',
  production: false,
  seedDemo: false,
  devCodes: false,
  faults: null,
  demoPartnerSecret: 'demo-shop-dev-secret-0123456789',
  demoPartnerClaimsPerHour: 50,
  requestsPerMinute: 600,
  tokenCacheSeconds: 5,
  claimsPerMemberHour: 100,
  bodyLimitBytes: 256 * 1024,
  tokenTtlDays: 90,
  welcomeBonusPoints: 500,
  referralBonusPoints: 250,
  referralMonthlyCap: 10,
  plusMultiplier: 2,
  // Random per process unless AUTH_SECRET is set: codes then end with a restart.
  authSecret: randomBytes(32).toString('base64url'),
  trustProxy: false,
  authLimits: DEFAULT_AUTH_LIMITS,
  rejectedOpsRetentionDays: 30,
  tierPeriod: 'rolling-12-months',
  tierGraceDays: 30,
  expiry: DEFAULT_EXPIRY_POLICY,
  expiryWarningDays: 90,
  log: 'json',
  operatorToken: DEV_OPERATOR_TOKEN,
};

/** Parses environment and argv once, at start-up; throws with every bad field. */
export function loadSettings(
  env: Record<string, string | undefined> = process.env,
  argv: string[] = process.argv.slice(2),
): Settings {
  const e = Env.parse(env);
  const known = new Set(['--seed-demo', '--dev-codes', '--fault-mode']);
  const unknown = argv.filter((a) => !known.has(a));
  if (unknown.length > 0) throw new Error(`unknown argument(s): ${unknown.join(' ')}`);
  const faultMode = argv.includes('--fault-mode') || e.FAULTS !== undefined;
  return {
    ...DEFAULT_SETTINGS,
    host: e.HOST,
    port: e.PORT,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    production: e.NODE_ENV === 'production',
    seedDemo: argv.includes('--seed-demo'),
    devCodes: argv.includes('--dev-codes') || e.DEV_CODES,
    faults: faultMode ? FaultConfig.parse(e.FAULTS ? JSON.parse(e.FAULTS) : {}) : null,
    demoPartnerSecret: e.DEMO_PARTNER_SECRET,
    demoPartnerClaimsPerHour: e.DEMO_PARTNER_CLAIMS_PER_HOUR,
    requestsPerMinute: e.RATE_LIMIT_PER_MINUTE,
    tokenCacheSeconds: e.TOKEN_CACHE_SECONDS,
    claimsPerMemberHour: e.CLAIMS_PER_MEMBER_HOUR,
    welcomeBonusPoints: e.WELCOME_BONUS_POINTS,
    referralBonusPoints: e.REFERRAL_BONUS_POINTS,
    referralMonthlyCap: e.REFERRAL_MONTHLY_CAP,
    plusMultiplier: e.PLUS_MULTIPLIER,
    publicUrl: e.PUBLIC_URL,
    authSecret: e.AUTH_SECRET ?? DEFAULT_SETTINGS.authSecret,
    trustProxy: e.TRUST_PROXY,
    authLimits: {
      codesPerEmailHour: e.SIGNIN_CODES_PER_EMAIL_HOUR,
      codesPerAddressHour: e.SIGNIN_CODES_PER_ADDRESS_HOUR,
      failuresPerEmail: e.SIGNIN_FAILURES_PER_EMAIL,
      failuresPerAddress: e.SIGNIN_FAILURES_PER_ADDRESS,
      lockoutMinutes: e.SIGNIN_LOCKOUT_MINUTES,
    },
    rejectedOpsRetentionDays: e.REJECTED_OPS_RETENTION_DAYS,
    consoleOrigin: e.CONSOLE_ORIGIN,
    tierPeriod: e.TIER_PERIOD,
    tierGraceDays: e.TIER_GRACE_DAYS,
    expiry: { mode: e.EXPIRY_MODE, months: e.EXPIRY_MONTHS, monthDay: e.EXPIRY_DAY },
    expiryWarningDays: e.EXPIRY_WARNING_DAYS,
    log: e.LOG,
    // Production never falls back to the well-known dev token.
    operatorToken: e.OPERATOR_TOKEN ?? (e.NODE_ENV === 'production' ? null : DEV_OPERATOR_TOKEN),
  };
}
