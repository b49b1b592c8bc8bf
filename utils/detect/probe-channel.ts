import { z } from 'zod';

/** window.postMessage channel between the main-world probe and the content script. */
export const PROBE_SOURCE = 'pointpilot-probe';

export const ProbeMessage = z.discriminatedUnion('kind', [
  z.object({ source: z.literal(PROBE_SOURCE), kind: z.literal('hello') }),
  z.object({
    source: z.literal(PROBE_SOURCE),
    kind: z.literal('entries'),
    entries: z.array(z.unknown()).max(500),
  }),
]);
export type ProbeMessage = z.infer<typeof ProbeMessage>;
