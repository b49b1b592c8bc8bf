import { z } from 'zod';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

/**
 * Issue messages are i18n keys (errorUrl…), shown translated by the settings page.
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
      ctx.addIssue({ code: 'custom', message: 'errorUrlInvalid' });
      return z.NEVER;
    }
    if (u.username || u.password) ctx.addIssue({ code: 'custom', message: 'errorUrlCredentials' });
    if (u.protocol !== 'https:' && !(u.protocol === 'http:' && LOOPBACK.test(u.hostname))) {
      ctx.addIssue({ code: 'custom', message: 'errorUrlHttps' });
    }
    if ((u.pathname !== '/' && u.pathname !== '') || u.search || u.hash) {
      ctx.addIssue({ code: 'custom', message: 'errorUrlPath' });
    }
    return u.origin;
  });
