import { defineContentScript } from 'wxt/utils/define-content-script';
import { installDataLayerProbe } from '@/utils/detect/probe';
import { PROBE_SOURCE, type ProbeMessage, parseProbeMessage } from '@/utils/detect/probe-channel';

/**
 * Main-world probe: sees the page's own `dataLayer` / gtag pushes (the
 * isolated content script cannot) and hands copies to the content script.
 * It keeps what it saw, so a content script that starts later can ask again.
 */
export default defineContentScript({
  registration: 'runtime',
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    const seen: unknown[] = [];
    const post = (entries: unknown[]) =>
      window.postMessage(
        { source: PROBE_SOURCE, kind: 'entries', entries } satisfies ProbeMessage,
        location.origin,
      );
    installDataLayerProbe((entries) => {
      seen.push(...entries);
      post(entries);
    });
    window.addEventListener('message', (event) => {
      if (event.source === window && parseProbeMessage(event.data)?.kind === 'hello') post(seen);
    });
  },
});
