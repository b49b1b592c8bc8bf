import { useEffect, useState } from 'preact/hooks';

const COPIED_MS = 2000;

/**
 * A copy button's state: `copy(text)` writes to the clipboard; "copied" shows
 * for two seconds, "failed" stays until the next try (the page says why).
 */
export function useCopy(): ['copied' | 'failed' | undefined, (text: string) => Promise<void>] {
  const [copied, setCopied] = useState<'copied' | 'failed'>();
  useEffect(() => {
    if (copied !== 'copied') return;
    const timer = setTimeout(() => setCopied(undefined), COPIED_MS);
    return () => clearTimeout(timer);
  }, [copied]);
  const copy = (text: string) =>
    navigator.clipboard.writeText(text).then(
      () => setCopied('copied'),
      () => setCopied('failed'),
    );
  return [copied, copy];
}
