/**
 * window.postMessage channel between the main-world probe and the content
 * script. Checked by hand (no zod) because both sides ship in content
 * scripts with a size budget; the page can post anything here, so the check
 * is strict about shape and size.
 */
export const PROBE_SOURCE = 'pointpilot-probe';
export const MAX_PROBE_ENTRIES = 500;

export type ProbeMessage =
  | { source: typeof PROBE_SOURCE; kind: 'hello' }
  | { source: typeof PROBE_SOURCE; kind: 'entries'; entries: unknown[] };

export function parseProbeMessage(data: unknown): ProbeMessage | null {
  if (typeof data !== 'object' || data === null) return null;
  const m = data as Record<string, unknown>;
  if (m.source !== PROBE_SOURCE) return null;
  if (m.kind === 'hello') return { source: PROBE_SOURCE, kind: 'hello' };
  if (m.kind === 'entries' && Array.isArray(m.entries) && m.entries.length <= MAX_PROBE_ENTRIES) {
    return { source: PROBE_SOURCE, kind: 'entries', entries: m.entries };
  }
  return null;
}
