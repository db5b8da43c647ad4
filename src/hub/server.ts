/**
 * The reference hub: one HTTP server carrying socket.io (namespace `/wall`) and the REST API, over
 * its store (storage/store.ts: SQLite in the data directory, or PostgreSQL with HubOptions.store). `startHub` wires the parts, in order: the store, tokens and
 * operators, the HTTP server and socket.io, the services (hub-services.ts), the console, the routes
 * and wall handlers (hub-api.ts); then it listens and starts what runs by itself. The handle's
 * `destroy` takes them down in reverse: no sockets, timers or files are left behind. Options and
 * handle: hub-options.ts. A demo is plugged in from outside (HubOptions.demo, src/hub/demo-hook.ts).
 */
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { LIMITS } from '../core/protocol/limits.js';
import { CONSOLE_NAMESPACE } from '../core/protocol/console-protocol.js';
import { PING_INTERVAL_MS, PING_TIMEOUT_MS, WALL_NAMESPACE, type ClientToServerEvents, type ServerToClientEvents } from '../core/protocol/protocol.js';
import { NO_AUTOMATION } from '../core/automation/model.js';
import { setUpCap } from './cap/cap-setup.js';
import { attachLiveSockets } from './cameras/live-socket.js';
import { addCameraRoutes } from './cameras/routes.js';
import { readTokensFile, TokenRegistry, TOKENS_FILE } from './auth.js';
import { setUpConsole } from './console.js';
import type { WallNamespace } from './fanout.js';
import { wireApi } from './hub-api.js';
import type { Hub, HubOptions } from './hub-options.js';
import { createServices } from './hub-services.js';
import { setUpTimeline } from './timeline/setup.js';
import { startFederation } from './federation/setup.js';
import { Router } from './http.js';
import { Metrics } from './metrics.js';
import { OperatorRegistry, OPERATORS_FILE, readOperatorsFile } from './operators.js';
import { warnIfShared } from './storage/private-files.js';
import { openStore } from './storage/open-store.js';
import { TokenReloader } from './token-reload.js';
import { WallRegistry, type WallSocketData } from './walls.js';
import { checkedTransport, createHubServer } from './transport.js';

export type { Hub, HubOptions } from './hub-options.js';
/** A store URL as people may see it (the password as ***), for the CLI's lines. */
export { redactUrl } from './storage/postgres/pg-url.js';

export async function startHub(options: HubOptions): Promise<Hub> {
  const now = options.clock ?? Date.now;
  const log = options.log ?? ((m: string) => process.stderr.write(`hub: ${m}\n`));
  const startedAt = now();
  const transport = checkedTransport(options, log);
  const store = await openStore(options, log);
  log(`store: ${store.describe}`);
  try {
    warnIfShared(options.dataDir, [TOKENS_FILE, OPERATORS_FILE], log);
    const tokenSpecs = options.tokens ?? readTokensFile(options.dataDir) ?? options.demo?.tokens(options.dataDir) ?? null;
    if (!tokenSpecs) {
      throw new Error(`no tokens: write ${options.dataDir}/${TOKENS_FILE} (format in docs/protocol.md, "Tokens") or pass tokens`);
    }
    const tokens = new TokenRegistry(tokenSpecs);
    // Operator tokens are also acknowledgement credentials: a token reload rebuilds the directory.
    const operators = new OperatorRegistry(options.operators ?? readOperatorsFile(options.dataDir), tokenSpecs);
    const metrics = new Metrics(now);
    const walls = new WallRegistry(now, store.walls, log);
    // The windows seen before a restart: one that does not come back is counted dead after the grace period.
    if (options.forgetWindows) await store.walls.clearWindows();
    else walls.restore(await store.walls.loadWindows(), startedAt);
    const router = new Router(tokens, metrics, log);
    const { server: http, scheme } = createHubServer(transport, (req, res) => void router.handle(req, res));
    const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, WallSocketData>(http, {
      pingInterval: PING_INTERVAL_MS,
      pingTimeout: PING_TIMEOUT_MS,
      maxHttpBufferSize: LIMITS.packetBytes,
      cors: { origin: '*' },
      serveClient: false,
    });
    const ns: WallNamespace = io.of(WALL_NAMESPACE);
    // The demo serves its own cameras (GStreamer RTSP, else ffmpeg HLS); the gateway pulls them like a site's.
    const projectCameras = options.demo ? await options.demo.cameras(options.cameras ?? [], log) : (options.cameras ?? []);
    const services = await createServices({ options, store, ns, metrics, walls, now, log, projectCameras });
    const { cameras, fanout, topics, alerts, deadScreens, switches } = services;
    const federation = options.federation
      ? await startFederation(options.federation, { dataDir: options.dataDir, store, topics, alerts, now, log })
      : null;
    const detachLiveSockets = attachLiveSockets(http, cameras, tokens);
    addCameraRoutes(router, cameras, now);
    // Before the wall namespace's handlers: the console forwards every broadcast to walls (console.ts).
    const consoleHub = setUpConsole({ io, wallNs: ns, router, tokens, now, log, options: options.console ?? {} });
    await options.demo?.seed(store, options.layouts ?? [], now(), log);
    const director = wireApi({
      options, services, store, router, ns, tokens, operators, walls, metrics, consoleHub, startedAt, now, log, federation,
      transport: transport.tls ? 'tls' : 'insecure',
    });
    const timeline = await setUpTimeline({
      ...(options.timeline ? { settings: options.timeline } : {}),
      ...(options.timelineEveryMs !== undefined ? { everyMs: options.timelineEveryMs } : {}),
      dataDir: options.dataDir, layouts: options.layouts ?? [], services, consoleHub, walls, store, router, now, log,
      timezone: options.timezone ?? 'Asia/Ho_Chi_Minh',
    });
    const cap = setUpCap({ router, store, alerts, now, log, config: options.automation?.cap ?? NO_AUTOMATION.cap, ...(options.capSweepMs !== undefined ? { sweepMs: options.capSweepMs } : {}) });

    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        http.off('error', reject);
        resolve();
      });
    });
    const address = http.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = `${scheme}://${host}:${address.port}`;

    const reloader = new TokenReloader({
      dataDir: options.dataDir,
      fromFile: !options.tokens,
      tokens,
      namespaces: [ns, io.of(CONSOLE_NAMESPACE)],
      beforeApply: (specs) => operators.replaceTokens(specs),
      log,
    });
    reloader.init();

    cameras.start();
    cap.start();
    const demo = options.demo ?? null;
    await demo?.init({ topics, alerts, now, log });
    director.start();
    services.baseline.start();

    let destroying: Promise<void> | null = null;
    const destroy = (): Promise<void> =>
      (destroying ??= (async () => {
        reloader.destroy();
        await demo?.destroy();
        walls.detach(); // closing the sockets below is the hub going away, not the windows
        director.destroy();
        switches.destroy();
        cap.destroy();
        deadScreens.destroy();
        await federation?.destroy().catch((e: unknown) => log(`federation not stopped cleanly: ${(e as Error).message}`));
        fanout.destroy();
        consoleHub.destroy();
        await timeline.destroy().catch((e: unknown) => log(`timeline not stored at stop: ${(e as Error).message}`));
        await services.baseline.destroy();
        await topics.destroy().catch((e: unknown) => log(`topic values not stored at stop: ${(e as Error).message}`));
        await Promise.all([walls.settled(), switches.settled(), services.automationMemory.settled()]);
        detachLiveSockets();
        cameras.destroy();
        await new Promise<void>((resolve) => {
          io.close(() => resolve());
          http.closeAllConnections();
        });
        await store.destroy();
      })());

    return {
      url,
      port: address.port,
      get tokens() {
        return tokens.specs;
      },
      reloadTokens: () => reloader.reload('SIGHUP'),
      cameraBase: demo?.cameraBase ?? null,
      destroy,
    };
  } catch (e) {
    await store.destroy();
    // The demo's cameras may already run (DemoHook.cameras): a hub that did not start stops them.
    await options.demo?.destroy().catch(() => undefined);
    throw e;
  }
}
