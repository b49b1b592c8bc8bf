import type { Ack, Op } from '../../utils/contract';
import type { ClaimOpT } from './claim-ops';

/**
 * An op as the route parsed it: valid, or only its id and why it is invalid.
 * `id` is normalised (lower case); `sentId` is echoed in the ack so the
 * client finds its op whatever case it used.
 */
export type IncomingOp =
  | { id: string; sentId: string; op: Op }
  | { id: string; sentId: string; invalid: string };

export const isClaim = (o: IncomingOp): o is { id: string; sentId: string; op: ClaimOpT } =>
  'op' in o && o.op.type === 'claim';

/** The new, not yet refused ops of one type, for that type's module. */
export function newOfType<T extends Op['type']>(
  ops: IncomingOp[],
  type: T,
  isNew: Set<string>,
  verdicts: Map<string, Ack>,
): { id: string; op: Extract<Op, { type: T }> }[] {
  return ops.flatMap((o) =>
    isNew.has(o.id) && !verdicts.has(o.id) && 'op' in o && o.op.type === type
      ? [{ id: o.id, op: o.op as Extract<Op, { type: T }> }]
      : [],
  );
}
