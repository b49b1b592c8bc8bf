import { z } from 'zod';
import { isStorableText } from './rules';

/**
 * A string the server can store and hand back unchanged: every free-text
 * field of a request is one, so a U+0000 or a lone surrogate is refused by
 * the contract (a clear 422 or an op rejection), never by the database (a 500).
 */
export const StorableText = z
  .string()
  .refine(isStorableText, 'text has U+0000 or an unpaired surrogate');
