/**
 * A TCP proxy on loopback between a wall and its hub, for cutting the node off as a pulled cable
 * does: `cut()` stops forwarding without a word (open connections stay open and their bytes are
 * dropped; new ones are accepted and never answered), so the wall finds out by its ping timeout,
 * not by a reset. `restore()` forwards new connections again and drops the dead ones. Listens on
 * 127.0.0.1 only.
 */
import net from 'node:net';

export interface CutProxy {
  readonly url: string;
  readonly port: number;
  /** Connections forwarded since start. */
  readonly accepted: () => number;
  cut(): void;
  restore(): void;
  destroy(): Promise<void>;
}

const drop = (s: net.Socket): void => {
  s.removeAllListeners('data');
  s.on('data', () => undefined);
};

export async function startCutProxy(target: { host?: string; port: number }): Promise<CutProxy> {
  const open = new Set<net.Socket>();
  const dead = new Set<net.Socket>();
  let isCut = false;
  let accepted = 0;
  const server = net.createServer((client) => {
    client.on('error', () => undefined);
    if (isCut) {
      dead.add(client);
      drop(client);
      return;
    }
    accepted++;
    const upstream = net.connect(target.port, target.host ?? '127.0.0.1');
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('error', () => undefined);
      s.on('close', () => {
        open.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    accepted: () => accepted,
    cut() {
      isCut = true;
      for (const s of open) {
        s.unpipe();
        drop(s);
        dead.add(s);
      }
      open.clear();
    },
    restore() {
      isCut = false;
      for (const s of dead) s.destroy();
      dead.clear();
    },
    async destroy() {
      for (const s of [...open, ...dead]) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
