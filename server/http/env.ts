import type { HttpBindings } from '@hono/node-server';
import type { MemberRow } from '../services/members';

/** Hono context typing shared by every sub-app. Bindings exist only under @hono/node-server. */
export interface AppEnv {
  Bindings: Partial<HttpBindings>;
  Variables: {
    requestId: string;
    member: MemberRow;
    token: string;
  };
}
