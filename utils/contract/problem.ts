import { z } from 'zod';

/** RFC 9457 problem details; `type` values are stable identifiers clients may switch on. */
export const ProblemType = z.enum([
  'validation',
  'unauthorized',
  'forbidden',
  'not-found',
  'conflict',
  'payload-too-large',
  'rate-limited',
  'bad-signature',
  'internal',
]);
export type ProblemType = z.infer<typeof ProblemType>;

export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof Problem>;

export const problemTypeUri = (t: ProblemType) => `https://pointpilot.dev/problems/${t}`;
