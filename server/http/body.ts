import type { Context } from 'hono';
import type { z } from 'zod';
import { ProblemError, validation } from './problem';

/**
 * Reads the raw body as text. The body-limit middleware has already refused
 * anything over the limit, so this never buffers more than that.
 */
export async function rawBody(c: Context): Promise<string> {
  return c.req.text();
}

/** Parses text as JSON, refusing non-JSON content types and garbage with a 4xx problem. */
export function parseJsonText(c: Context, text: string): unknown {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([a-z0-9.+-]*\+)?json\b/i.test(type.trim())) {
    throw new ProblemError(415, 'validation', 'Send the body as application/json');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ProblemError(400, 'validation', 'The body is not valid JSON');
  }
}

/** The JSON body parsed with `schema`; 400/415/422 problems otherwise. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const value = parseJsonText(c, await rawBody(c));
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validation(parsed.error);
  return parsed.data;
}
