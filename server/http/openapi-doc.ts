import type { OpenAPIHono, RouteConfig } from '@hono/zod-openapi';
import type { z } from 'zod';
import { Problem } from '../../utils/contract';
import type { AppEnv } from './env';

/**
 * Routes are documented here and implemented with plain handlers: bodies are
 * parsed by http/body.ts so every failure (bad JSON, wrong content type,
 * invalid fields, a single bad sync op) gets the same problem+json shape.
 */
export function document(app: OpenAPIHono<AppEnv>, route: RouteConfig): void {
  app.openAPIRegistry.registerPath(route);
}

export const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const jsonBody = (schema: z.ZodType) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});

export const problems = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        description: `Problem (${s})`,
        content: { 'application/problem+json': { schema: Problem } },
      },
    ]),
  );

export const bearer = [{ bearer: [] as string[] }];
