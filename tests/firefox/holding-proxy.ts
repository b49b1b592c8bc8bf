import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * In front of the backend: forwards everything, but while `hold` is on it
 * keeps back the answer to a sync that carries ops (the server has already
 * committed them), as a slow network does at the moment of an update.
 */
export async function holdingProxy(target: string) {
  let hold = false;
  let held: (() => void)[] = [];
  let heldCount = 0;
  const skip = new Set(['host', 'connection', 'content-length']);
  const fwd = (h: IncomingHttpHeaders) =>
    Object.fromEntries(
      Object.entries(h).filter(([k, v]) => !skip.has(k) && typeof v === 'string'),
    ) as Record<string, string>;
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const up = await fetch(target + req.url, {
      method: req.method,
      headers: fwd(req.headers),
      body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
    });
    const out = Buffer.from(await up.arrayBuffer());
    const headers: Record<string, string> = {};
    up.headers.forEach((v, k) => {
      if (k !== 'content-encoding' && k !== 'content-length' && k !== 'transfer-encoding')
        headers[k] = v;
    });
    const send = () => {
      if (res.destroyed) return;
      res.writeHead(up.status, headers);
      res.end(out);
    };
    const ops = req.url?.startsWith('/v1/sync')
      ? ((JSON.parse(body.toString() || '{}') as { ops?: unknown[] }).ops?.length ?? 0)
      : 0;
    if (hold && ops > 0) {
      heldCount++;
      held.push(send);
    } else send();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    holdSyncs: () => {
      hold = true;
    },
    release: () => {
      hold = false;
      for (const send of held) send();
      held = [];
    },
    heldCount: () => heldCount,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
