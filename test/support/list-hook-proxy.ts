/**
 * An HTTP proxy in front of the API that runs a hook between the server's answer to a list page
 * and its delivery: what another client changing the account in the middle of a list walk looks
 * like, made deterministic (e.g. "archive one pipeline after page 1 was read").
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A running proxy; `url` is what the client under test talks to. */
export interface ListHookProxy {
  readonly url: string;
  /** How many list pages went through the proxy. */
  readonly pagesServed: () => number;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/**
 * Starts a proxy to `upstream` on a free port. `onPage(page)` runs after the server answered
 * `GET /api/public/v1/pipelines?page=N` and before the answer is delivered.
 */
export async function startListHookProxy(upstream: string, onPage: (page: number) => Promise<void>): Promise<ListHookProxy> {
  let pages = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const target = new URL(req.url ?? '/', upstream);
    const forward = request(target, { method: req.method, headers: req.headers }, (upstreamRes) => {
      const chunks: Buffer[] = [];
      upstreamRes.on('data', (c: Buffer) => chunks.push(c));
      upstreamRes.on('end', () => {
        const deliver = (): void => {
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
          res.end(Buffer.concat(chunks));
        };
        if (req.method === 'GET' && target.pathname === '/api/public/v1/pipelines' && upstreamRes.statusCode === 200) {
          pages++;
          onPage(Number(target.searchParams.get('page') ?? '1')).then(deliver, (err: unknown) => {
            res.writeHead(599);
            res.end(String(err));
          });
        } else deliver();
      });
    });
    forward.on('error', () => req.socket.destroy());
    req.pipe(forward);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    pagesServed: () => pages,
    close: async () => {
      const closed = new Promise<void>((r) => server.close(() => r()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
