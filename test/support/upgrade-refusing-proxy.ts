/**
 * A reverse proxy in front of a test hub that refuses some WebSocket upgrades (403), as a site's
 * proxy that does not pass WebSockets would, and forwards everything else (HTTP and the other
 * upgrades, socket.io's among them) untouched. Plain HTTP only (test hubs run insecure).
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface RefusingProxy {
  /** `http://127.0.0.1:<port>`: give it to the page as the hub's URL. */
  readonly url: string;
  /** Upgrades refused so far. */
  readonly refused: number;
  close(): Promise<void>;
}

export async function startUpgradeRefusingProxy(target: string, refuse: (path: string) => boolean): Promise<RefusingProxy> {
  const to = new URL(target);
  const host = to.hostname;
  const port = Number(to.port);
  const open = new Set<net.Socket>();
  let refused = 0;
  const server = http.createServer((req, res) => {
    const upstream = http.request({ host, port, method: req.method, path: req.url, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connection', (s) => {
    open.add(s);
    s.once('close', () => open.delete(s));
  });
  server.on('upgrade', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    if (refuse(req.url ?? '')) {
      refused++;
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = net.connect(port, host, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length) upstream.write(head);
      socket.pipe(upstream).pipe(socket);
    });
    open.add(upstream);
    upstream.once('close', () => open.delete(upstream));
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: own } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${own}`,
    get refused() {
      return refused;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
