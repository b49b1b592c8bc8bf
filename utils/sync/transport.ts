import { Problem, type SyncRequest, SyncResponse } from '../contract';
import { SyncError } from './errors';

export interface SyncTransport {
  sync(request: SyncRequest): Promise<SyncResponse>;
}

/**
 * POST /v1/sync over fetch. Every failure becomes a SyncError of a kind the
 * engine knows how to handle; a response that does not parse is never applied.
 */
export function httpTransport(opts: {
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}): SyncTransport {
  const doFetch = opts.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  return {
    async sync(request) {
      let res: Response;
      try {
        res = await doFetch(new URL('/v1/sync', opts.baseUrl), {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.token}` },
          body: JSON.stringify(request),
          signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
        });
      } catch (err) {
        throw new SyncError('offline', `network error: ${(err as Error).message}`);
      }
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        body = undefined;
      }
      if (!res.ok) {
        const problem = Problem.safeParse(body);
        const p = problem.success ? problem.data : undefined;
        const message = `server answered ${res.status}${p ? `: ${p.title}` : ''}`;
        if (res.status === 401 || res.status === 403)
          throw new SyncError('auth', message, res.status, p);
        if (res.status >= 500 || res.status === 429 || res.status === 408) {
          throw new SyncError('server', message, res.status, p);
        }
        throw new SyncError('request', message, res.status, p);
      }
      const parsed = SyncResponse.safeParse(body);
      if (!parsed.success)
        throw new SyncError(
          'response',
          'the server sent a response that does not fit the contract',
        );
      return parsed.data;
    },
  };
}
