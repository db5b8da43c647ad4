/**
 * The reference hub: one HTTP server carrying socket.io (namespace `/wall`) and the REST API, over
 * a SQLite store in the data directory. `startHub` wires the parts, in order, and the handle's
 * `destroy` takes them down in reverse: no sockets, timers or files are left behind. A demo is
 * plugged in from outside (HubOptions.demo, src/hub/demo-hook.ts).
 */
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import type { Camera, Layout, Wall } from '../core/wall/model.js';
import { LIMITS } from '../core/protocol/limits.js';
import { CONSOLE_NAMESPACE } from '../core/protocol/console-protocol.js';
import { PING_INTERVAL_MS, PING_TIMEOUT_MS, WALL_NAMESPACE, type ClientToServerEvents, type ServerToClientEvents } from '../core/protocol/protocol.js';
import { NO_AUTOMATION, type Automation } from '../core/automation/model.js';
import { AlertService } from './alerts.js';
import { setUpCap } from './cap/cap-setup.js';
import { CameraGateway } from './cameras/gateway.js';
import { attachLiveSockets } from './cameras/live-socket.js';
import { addCameraRoutes } from './cameras/routes.js';
import { DeadScreenMonitor } from './dead-screens.js';
import { readTokensFile, TokenRegistry, TOKENS_FILE, type TokenSpec } from './auth.js';
import { addPresetRoutes } from './presets.js';
import { setUpAutomation } from './automation/setup.js';
import { setUpConsole, type ConsoleOptions } from './console.js';
import { collectDeadlines, collectMaxAges } from './deadlines.js';
import type { DemoHook } from './demo-hook.js';
import { UpdateFanout, type WallNamespace } from './fanout.js';
import { Router } from './http.js';
import { LayoutService } from './layouts.js';
import { Metrics } from './metrics.js';
import { OperatorRegistry, OPERATORS_FILE, readOperatorsFile, type OperatorSpec } from './operators.js';
import { addRoutes } from './rest.js';
import { SwitchCoordinator } from './switch-coordinator.js';
import { warnIfShared } from './storage/private-files.js';
import { HubStore } from './storage/store.js';
import { collectHistoryWindows } from './topic-history.js';
import { TopicService } from './topics.js';
import { TokenReloader } from './token-reload.js';
import { addWallPlanRoute } from './wall-plan.js';
import { setUpWallNamespace } from './wall-namespace.js';
import { WallRegistry, type WallSocketData } from './walls.js';
import { checkedTransport, createHubServer, type HubTls } from './transport.js';

export interface HubOptions {
  /** HTTPS and WSS with this certificate and key (transport.ts); required unless `insecure`. */
  tls?: HubTls;
  /** Plain HTTP on purpose (a TLS proxy in front, a test): warned at start and on /healthz. */
  insecure?: boolean;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: expose the hub on a network on purpose, e.g. host '0.0.0.0'. */
  host?: string;
  /** Holds hub.sqlite and tokens.json; created if missing. */
  dataDir: string;
  /** Tokens to accept; when absent, `<dataDir>/tokens.json` (generated there in demo mode if missing). */
  tokens?: TokenSpec[];
  /**
   * Operators who may acknowledge on walls, with their PINs and badges; when absent,
   * `<dataDir>/operators.json` if there is one (format in docs/acknowledgements.md).
   */
  operators?: OperatorSpec[];
  /**
   * Start without the windows seen before (a demo, which opens the windows of this run itself:
   * nodes a former run showed and this one does not must not count as dead). Default false.
   */
  forgetWindows?: boolean;
  /**
   * The demo simulation (feeds, alerts, presets, cameras: src/hub/demo/demo.ts, HubDemo), plugged in
   * by the command that runs one. It also writes the demo's tokens.json when there is none.
   */
  demo?: DemoHook;
  /** Layouts of the project: the ids the hub may switch to and the topics' daily deadlines. */
  layouts?: Layout[];
  /**
   * The project's cameras (cameras.yaml): the gateway pulls each one (src/hub/cameras/, docs/cameras.md)
   * with credentials from `<dataDir>/camera-credentials.json`.
   */
  cameras?: Camera[];
  /** The ffmpeg the camera gateway runs (default `ffmpeg` on the PATH). */
  ffmpeg?: string;
  /** The wall as mounted (wall.yaml): `GET /api/wall` for the console's wall canvas; absent, that answers 404. */
  wall?: Wall;
  /** The wall's IANA time zone: daily deadlines, and the console's times (GET /api `timezone`); default Asia/Ho_Chi_Minh. */
  timezone?: string;
  /**
   * The project's automation (automation.yaml: schedule entries, rotations, hold, takeover rules, CAP;
   * docs/automation.md); default NO_AUTOMATION. The layouts' own `schedule:` runs with it.
   */
  automation?: Automation;
  /** The hub's clock (ms since the epoch); tests pass a fixed or stepped one. */
  clock?: () => number;
  /** Update batching (default 50 ms), last-value flush (1000 ms), deadline check (10 000 ms). */
  batchMs?: number;
  flushMs?: number;
  lateCheckMs?: number;
  /**
   * Degraded mode: a window away this long takes its screens with it (default 10 000 ms), and so
   * does a window seen before a restart that has not reconnected this long after the start; the
   * set is rechecked every deadCheckMs (1000).
   */
  deadScreenGraceMs?: number;
  deadCheckMs?: number;
  /** Two-phase layout switch: how long windows may take to prepare (10 000 ms), commit lead (400 ms). */
  prepareTimeoutMs?: number;
  commitLeadMs?: number;
  /** A wall with more packets than this waiting skips update batches (default 256). */
  maxBufferedPackets?: number;
  log?: (message: string) => void;
  /** The operator console: page folder, thumbnail rate (src/hub/console.ts, docs/console.md). */
  console?: ConsoleOptions;
  /** How often expired CAP alerts are looked for (default 1000 ms). */
  capSweepMs?: number;
}

export interface Hub {
  /** `https://host:port` (`http://` when insecure), no trailing slash. */
  readonly url: string;
  readonly port: number;
  /** The tokens in force now (secrets only where known in clear). */
  readonly tokens: readonly TokenSpec[];
  /**
   * Reads `<dataDir>/tokens.json` again (what SIGHUP does in `wallrun hub` and `wallrun demo`):
   * true when the new tokens are in force, false when the file was refused and the old ones stay.
   */
  reloadTokens(): boolean;
  /** The demo's camera base URL, when demo cameras run. */
  readonly cameraBase: string | null;
  /** Takes the hub down (demo, services, sockets, then the store); safe to call twice. */
  destroy(): Promise<void>;
}

export async function startHub(options: HubOptions): Promise<Hub> {
  const now = options.clock ?? Date.now;
  const log = options.log ?? ((m: string) => process.stderr.write(`hub: ${m}\n`));
  const startedAt = now();
  const transport = checkedTransport(options, log);
  const store = HubStore.open(options.dataDir);
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
    if (options.forgetWindows) store.walls.clearWindows();
    else walls.restore(store.walls.loadWindows(), startedAt);
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
    const cameras = new CameraGateway({ cameras: projectCameras, dataDir: options.dataDir, now, log, ...(options.ffmpeg ? { ffmpeg: options.ffmpeg } : {}) });
    const detachLiveSockets = attachLiveSockets(http, cameras, tokens);
    addCameraRoutes(router, cameras, now);
    const consoleHub = setUpConsole({ io, wallNs: ns, router, tokens, now, log, options: options.console ?? {} });
    const fanout = new UpdateFanout(ns, metrics, {
      batchMs: options.batchMs ?? 50,
      maxBufferedPackets: options.maxBufferedPackets ?? 256,
    });
    const layouts = options.layouts ?? [];
    const topics = new TopicService(store, fanout, ns, metrics, now, {
      deadlines: collectDeadlines(layouts),
      maxAges: collectMaxAges(layouts),
      historyWindows: collectHistoryWindows(layouts),
      timezone: options.timezone ?? 'Asia/Ho_Chi_Minh',
      flushMs: options.flushMs ?? 1000,
      lateCheckMs: options.lateCheckMs ?? 10_000,
    });
    topics.init();
    const alerts = new AlertService(store, ns, metrics, now);
    const layoutService = new LayoutService(store, ns, now, layouts.length ? layouts.map((l) => l.id) : null);
    const deadScreens = new DeadScreenMonitor(walls, ns, now, {
      ...(options.deadScreenGraceMs !== undefined ? { graceMs: options.deadScreenGraceMs } : {}),
      ...(options.deadCheckMs !== undefined ? { checkMs: options.deadCheckMs } : {}),
    });
    deadScreens.init();
    const switches = new SwitchCoordinator({
      ns,
      layouts: layoutService,
      now,
      log,
      store: store.walls,
      ...(options.prepareTimeoutMs !== undefined ? { prepareTimeoutMs: options.prepareTimeoutMs } : {}),
      ...(options.commitLeadMs !== undefined ? { commitLeadMs: options.commitLeadMs } : {}),
    });
    options.demo?.seed(store, layouts, now(), log);
    addPresetRoutes({
      router,
      store,
      projectLayouts: layouts,
      projectCameras,
      layouts: layoutService,
      switches,
      now,
      changed: (event) => consoleHub.presetChanged(event),
    });
    setUpWallNamespace({ switches, ns, tokens, operators, fanout, topics, alerts, layouts: layoutService, walls, deadScreens, metrics, now, log });
    const director = setUpAutomation({
      automation: options.automation,
      layouts,
      timezone: options.timezone ?? 'Asia/Ho_Chi_Minh',
      switches,
      layoutService,
      alerts,
      store,
      ns,
      router,
      now,
      log,
      changed: () => consoleHub.automationChanged(),
    });
    addRoutes({
      router,
      store,
      topics,
      alerts,
      layouts: layoutService,
      switches,
      walls,
      deadScreens,
      metrics,
      now,
      startedAt,
      transport: transport.tls ? 'tls' : 'insecure',
      timezone: options.timezone ?? 'Asia/Ho_Chi_Minh',
      gauges: () => ({
        wallsConnected: ns.sockets.size,
        alertsOpenBySeverity: store.alerts.countOpenBySeverity(),
        acksStored: store.alerts.countAcks(),
        topicsKnown: topics.count(),
        topicsLate: topics.currentLate().length,
        switches: { ...switches.counts, last: switches.last },
        cameras: { list: cameras.list(), reconnects: cameras.reconnects() },
      }),
    });

    const cap = setUpCap({ router, store, alerts, now, log, config: options.automation?.cap ?? NO_AUTOMATION.cap, ...(options.capSweepMs !== undefined ? { sweepMs: options.capSweepMs } : {}) });

    addWallPlanRoute({
      router,
      wall: options.wall,
      layouts,
      windows: () => walls.list(),
      deadScreens: () => deadScreens.current().deadScreens,
      now,
    });

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
        fanout.destroy();
        consoleHub.destroy();
        topics.destroy();
        detachLiveSockets();
        cameras.destroy();
        await new Promise<void>((resolve) => {
          io.close(() => resolve());
          http.closeAllConnections();
        });
        store.destroy();
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
    store.destroy();
    // The demo's cameras may already run (DemoHook.cameras): a hub that did not start stops them.
    await options.demo?.destroy().catch(() => undefined);
    throw e;
  }
}
