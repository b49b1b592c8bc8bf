import type { z } from 'zod';
import {
  AuthStartRequest,
  AuthVerifyRequest,
  AuthVerifyResponse,
  CouponList,
  PartnerCatalogue,
  Problem,
  Program,
  RewardList,
  SurveyList,
} from '../contract';
import { CauseList } from '../contract/donation';

/** A failed API call, with what the user should be told. */
export class ApiError extends Error {
  constructor(
    readonly kind: 'offline' | 'rejected' | 'server' | 'response',
    message: string,
    readonly status?: number,
    /** Seconds the server asked to wait (Retry-After on a 429), if it said. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Fetch = typeof fetch;

/** Retry-After as seconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterSeconds(value: string | null, now = Date.now()): number | undefined {
  if (value == null || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

async function call(
  f: Fetch,
  baseUrl: string,
  path: string,
  init: RequestInit & { token?: string },
): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.body) headers.set('content-type', 'application/json');
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  let res: Response;
  try {
    res = await f(new URL(path, baseUrl), {
      ...init,
      headers,
      signal: AbortSignal.timeout(20_000),
    });
  } catch (err) {
    throw new ApiError('offline', `Cannot reach the server (${(err as Error).message})`);
  }
  if (res.ok || res.status === 304) return res;
  const problem = Problem.safeParse(await res.json().catch(() => undefined));
  const detail = problem.success
    ? (problem.data.detail ?? problem.data.title)
    : `HTTP ${res.status}`;
  throw new ApiError(
    res.status >= 500 ? 'server' : 'rejected',
    detail,
    res.status,
    retryAfterSeconds(res.headers.get('retry-after')),
  );
}

async function parse<T>(res: Response, schema: z.ZodType<T>): Promise<T> {
  const body = await res.json().catch(() => undefined);
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiError('response', 'The server sent an unexpected response');
  return parsed.data;
}

/** A GET answer that may be unchanged (304): `null`, else the data and its ETag. */
export type Cached<T> = { data: T; etag?: string } | null;

export function apiClient(baseUrl: string, f: Fetch = (...a) => fetch(...a)) {
  /** GET with the member's token and If-None-Match. */
  const cachedGet = async <T>(
    path: string,
    schema: z.ZodType<T>,
    token: string,
    etag?: string,
  ): Promise<Cached<T>> => {
    const res = await call(f, baseUrl, path, {
      method: 'GET',
      token,
      headers: etag ? { 'if-none-match': etag } : {},
    });
    if (res.status === 304) return null;
    return { data: await parse(res, schema), etag: res.headers.get('etag') ?? undefined };
  };
  return {
    /** The tiers and the member's standing. */
    program: (token: string, etag?: string) => cachedGet('/v1/me/program', Program, token, etag),
    /** The coupons this member may see, with their state for them. */
    coupons: (token: string, etag?: string) => cachedGet('/v1/coupons', CouponList, token, etag),
    /** The rewards catalogue. */
    rewards: (token: string, etag?: string) => cachedGet('/v1/rewards', RewardList, token, etag),
    /** The surveys open to this member (best first) and their survey stats: streak, badges. */
    surveys: (token: string, etag?: string) => cachedGet('/v1/surveys', SurveyList, token, etag),
    /** The causes points can be donated to. */
    causes: (token: string, etag?: string) => cachedGet('/v1/causes', CauseList, token, etag),
    async startSignIn(email: string): Promise<void> {
      await call(f, baseUrl, '/v1/auth/start', {
        method: 'POST',
        body: JSON.stringify(AuthStartRequest.parse({ email })),
      });
    },
    async verifySignIn(
      email: string,
      code: string,
      referralCode?: string,
    ): Promise<AuthVerifyResponse> {
      const res = await call(f, baseUrl, '/v1/auth/verify', {
        method: 'POST',
        body: JSON.stringify(
          AuthVerifyRequest.parse({ email, code, ...(referralCode ? { referralCode } : {}) }),
        ),
      });
      return parse(res, AuthVerifyResponse);
    },
    /** Revokes this token, or with `everywhere` every token of the member. */
    async signOut(token: string, everywhere = false): Promise<void> {
      await call(f, baseUrl, '/v1/auth/signout', {
        method: 'POST',
        token,
        ...(everywhere ? { body: JSON.stringify({ everywhere: true }) } : {}),
      });
    },
    /** The partner catalogue; `null` when unchanged since `etag`. */
    async catalogue(etag?: string): Promise<{ catalogue: PartnerCatalogue; etag?: string } | null> {
      const res = await call(f, baseUrl, '/v1/partners', {
        method: 'GET',
        headers: etag ? { 'if-none-match': etag } : {},
      });
      if (res.status === 304) return null;
      return {
        catalogue: await parse(res, PartnerCatalogue),
        etag: res.headers.get('etag') ?? undefined,
      };
    },
  };
}
