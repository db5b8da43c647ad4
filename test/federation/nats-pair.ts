/**
 * A province nats-server (JetStream domain `province`) and a sub-centre nats-server (domain
 * `sub-<id>`) as its leaf node, each on free loopback ports in its own temporary directory, the leaf
 * link through a TCP proxy the test cuts and heals. Stopped by their pids.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../support/free-port.js';
import { until } from '../support/hub-fixtures.js';

/** A TCP proxy that can refuse: `cut` drops every connection and refuses new ones until `heal`. */
export class CuttableProxy {
  private open = true;
  private readonly sockets = new Set<Socket>();
  private constructor(private readonly server: Server) {}

  public static async start(listenPort: number, targetPort: number): Promise<CuttableProxy> {
    let proxy: CuttableProxy | null = null;
    const server = createServer((client) => proxy!.accept(client, targetPort));
    proxy = new CuttableProxy(server);
    await new Promise<void>((resolve) => server.listen(listenPort, '127.0.0.1', resolve));
    return proxy;
  }

  private accept(client: Socket, targetPort: number): void {
    if (!this.open) return void client.destroy();
    const upstream = connect(targetPort, '127.0.0.1');
    for (const [a, b] of [[client, upstream], [upstream, client]] as const) {
      this.sockets.add(a);
      a.on('error', () => b.destroy());
      a.on('close', () => {
        this.sockets.delete(a);
        b.destroy();
      });
      a.pipe(b);
    }
  }

  public cut(): void {
    this.open = false;
    for (const s of this.sockets) s.destroy();
  }

  public heal(): void {
    this.open = true;
  }

  public async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export interface NatsServer {
  url: string;
  stop(): Promise<void>;
}

async function startNats(dir: string, config: string, port: number): Promise<NatsServer> {
  const file = path.join(dir, 'nats.conf');
  writeFileSync(file, config);
  const child: ChildProcess = spawn('nats-server', ['-c', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (d: Buffer) => {
    log = (log + d.toString()).slice(-4000);
    if (process.env.NATS_DEBUG) process.stderr.write(d);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await until(
    () =>
      new Promise<boolean>((resolve) => {
        if (child.exitCode !== null) throw new Error(`nats-server exited: ${log}`);
        const s = connect(port, '127.0.0.1', () => (s.destroy(), resolve(true)));
        s.on('error', () => resolve(false));
      }),
    `nats-server on ${port}`,
    10_000,
    50,
  );
  return {
    url: `nats://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface NatsPair {
  province: NatsServer;
  sub: NatsServer;
  link: CuttableProxy;
  stop(): Promise<void>;
}

export async function startNatsPair(subId: string): Promise<NatsPair> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wallrun-nats-'));
  const [provincePort, leafPort, subPort, proxyPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const province = await startNats(
    dir,
    `listen: 127.0.0.1:${provincePort}\njetstream { domain: province, store_dir: "${dir}/province-js" }\nleafnodes { listen: 127.0.0.1:${leafPort}, advertise: "127.0.0.1:${proxyPort}" }\n`,
    provincePort,
  );
  const link = await CuttableProxy.start(proxyPort, leafPort);
  const subConf = mkdtempSync(path.join(dir, 'sub-'));
  const sub = await startNats(
    subConf,
    `listen: 127.0.0.1:${subPort}\njetstream { domain: sub-${subId}, store_dir: "${subConf}/js" }\n` +
      `leafnodes { reconnect: 1, remotes: [ { url: "nats-leaf://127.0.0.1:${proxyPort}" } ] }\n`,
    subPort,
  );
  return {
    province,
    sub,
    link,
    stop: async () => {
      await sub.stop();
      await link.close();
      await province.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
