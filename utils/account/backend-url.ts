import { z } from 'zod';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

/**
 * The backend's base URL: https, or http only on this machine (development,
 * demo). No path, query or credentials — only an origin is accepted.
 */
export const BackendUrl = z
  .string()
  .trim()
  .transform((s, ctx) => {
    let u: URL;
    try {
      u = new URL(s);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not a URL' });
      return z.NEVER;
    }
    if (u.username || u.password)
      ctx.addIssue({ code: 'custom', message: 'no credentials in the URL' });
    if (u.protocol !== 'https:' && !(u.protocol === 'http:' && LOOPBACK.test(u.hostname))) {
      ctx.addIssue({ code: 'custom', message: 'https required (http only for this computer)' });
    }
    if ((u.pathname !== '/' && u.pathname !== '') || u.search || u.hash) {
      ctx.addIssue({ code: 'custom', message: 'only the server address, without a path' });
    }
    return u.origin;
  });
