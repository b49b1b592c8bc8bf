import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

/**
 * Re-runs a Dexie query whenever the data it read changes — also when the
 * background service worker writes (Dexie propagates across contexts).
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[] = []): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    const sub = liveQuery(query).subscribe({
      next: setValue,
      error: (err) => console.error('[pointpilot] live query failed', err),
    });
    return () => sub.unsubscribe();
  }, deps);
  return value;
}
