import type { Problem } from '../contract';

/**
 * Why a sync exchange failed. `offline`, `server` (5xx, 429, 408) and
 * `response` (a body that is not what the contract says) are retried with
 * backoff; `auth` waits for the user to sign in again; `request` means the
 * server refused the request itself (4xx): the engine then isolates the op at
 * fault. It does so for a repeated 5xx too (by `status`), deferring that op.
 */
export type SyncErrorKind = 'offline' | 'server' | 'response' | 'auth' | 'request';

export class SyncError extends Error {
  constructor(
    readonly kind: SyncErrorKind,
    message: string,
    readonly status?: number,
    readonly problem?: Problem,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}
