import type { Context } from 'hono';
import { sha256 } from '../services/hash';
import type { AppEnv } from './env';

/** True when an If-None-Match header names this ETag (or is "*"); weak tags match too. */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === etag || t === '*');
}

/**
 * Answers `body` as JSON with an ETag made from its own bytes, or 304 when
 * the client sent that tag: per-member answers get per-member tags, and a
 * tag changes exactly when something the client would see changes.
 */
export function jsonWithEtag(c: Context<AppEnv>, body: unknown) {
  const text = JSON.stringify(body);
  const etag = `"${sha256(text).slice(0, 32)}"`;
  c.header('etag', etag);
  if (etagMatches(c.req.header('if-none-match'), etag)) return c.body(null, 304);
  c.header('content-type', 'application/json');
  return c.body(text);
}
