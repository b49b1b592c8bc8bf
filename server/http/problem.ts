import type { z } from 'zod';
import { type Problem, type ProblemType, problemTypeUri } from '../../utils/contract';

const TITLES: Record<ProblemType, string> = {
  validation: 'The request is invalid',
  unauthorized: 'Authentication required',
  forbidden: 'Not allowed',
  'not-found': 'Not found',
  conflict: 'Conflict',
  'payload-too-large': 'Request body too large',
  'rate-limited': 'Too many requests',
  'bad-signature': 'Signature check failed',
  internal: 'Internal error',
};

/** A failure that becomes an application/problem+json response. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly type: ProblemType,
    readonly detail?: string,
    readonly errors?: Problem['errors'],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? TITLES[type]);
  }
}

export function problemBody(
  status: number,
  type: ProblemType,
  detail?: string,
  errors?: Problem['errors'],
): Problem {
  return {
    type: problemTypeUri(type),
    title: TITLES[type],
    status,
    ...(detail ? { detail } : {}),
    ...(errors ? { errors } : {}),
  };
}

export function problemResponse(err: ProblemError): Response {
  return new Response(JSON.stringify(problemBody(err.status, err.type, err.detail, err.errors)), {
    status: err.status,
    headers: { 'content-type': 'application/problem+json', ...err.headers },
  });
}

export function zodErrors(error: z.ZodError): NonNullable<Problem['errors']> {
  return error.issues.slice(0, 50).map((i) => ({
    path: i.path.map(String).join('.') || '(body)',
    message: i.message,
  }));
}

export const validation = (error: z.ZodError, detail = 'Some fields are invalid') =>
  new ProblemError(422, 'validation', detail, zodErrors(error));
