export { applySyncResponse } from './apply';
export { BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoffDelay } from './backoff';
export { runSync, type SyncDeps, type SyncOutcome } from './engine';
export { SyncError, type SyncErrorKind } from './errors';
export { httpTransport, type SyncTransport } from './transport';
