/**
 * The first difference between two file sets (path → bytes), or null when
 * they are identical: the files only on one side, or else the first
 * differing byte with a little text around it, so the cause can be read
 * from the message.
 */
export function firstDifference(
  expected: Map<string, Uint8Array>,
  actual: Map<string, Uint8Array>,
): string | null {
  const onlyIn = (x: Map<string, Uint8Array>, y: Map<string, Uint8Array>) =>
    [...x.keys()].filter((p) => !y.has(p)).sort();
  const missing = onlyIn(expected, actual);
  const extra = onlyIn(actual, expected);
  if (missing.length || extra.length)
    return `the file lists differ: only in the package: ${missing.join(', ') || '–'}; only in the rebuild: ${extra.join(', ') || '–'}`;
  const paths = [...expected.keys()].sort();
  for (const path of paths) {
    const a = expected.get(path) ?? new Uint8Array();
    const b = actual.get(path) ?? new Uint8Array();
    const at = firstDiffByte(a, b);
    if (at >= 0) {
      const show = (x: Uint8Array) =>
        JSON.stringify(new TextDecoder().decode(x.subarray(Math.max(0, at - 40), at + 40)));
      return `${path}: differs at byte ${at} (package ${a.length} B, rebuild ${b.length} B)\n  package: ${show(a)}\n  rebuild: ${show(b)}`;
    }
  }
  return null;
}

function firstDiffByte(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}
