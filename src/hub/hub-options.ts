/**
 * What `startHub` (server.ts) takes and gives back: the hub's options (transport, data directory,
 * tokens and operators, the project's layouts, cameras, wall and automation, the clock, timings)
 * and the handle of a running hub.
 */
import type { Automation } from '../core/automation/model.js';
import type { FederationConfig } from '../core/files/federation-model.js';
import type { ForecastsConfig } from '../core/files/forecasts.js';
import type { Camera, Layout, Wall } from '../core/wall/model.js';
import type { TokenSpec } from './auth.js';
import type { ConsoleOptions } from './console.js';
import type { DemoHook } from './demo-hook.js';
import type { OperatorSpec } from './operators.js';
import type { BeforeWrite } from './storage/postgres/pg-db.js';
import type { HubTls } from './transport.js';
import type { TimelineSettings } from '../core/protocol/timeline.js';

export interface HubOptions {
  /** HTTPS and WSS with this certificate and key (transport.ts); required unless `insecure`. */
  tls?: HubTls;
  /** Plain HTTP on purpose (a TLS proxy in front, a test): warned at start and on /healthz. */
  insecure?: boolean;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: expose the hub on a network on purpose, e.g. host '0.0.0.0'. */
  host?: string;
  /** Holds hub.sqlite (unless `store` names PostgreSQL) and tokens.json; created if missing. */
  dataDir: string;
  /**
   * The store: a `postgres://USER:PASSWORD@HOST:PORT/DATABASE` URL puts it in PostgreSQL
   * (docs/scaling.md "Store backends"); absent, SQLite in `dataDir` (hub.sqlite). Never logged
   * with its password.
   */
  store?: string;
  /**
   * PostgreSQL only: run inside every write transaction right after BEGIN (the leadership fence:
   * it throws when this hub's lease token is stale; nothing is written, the caller gets 503
   * storage-unavailable).
   */
  storeBeforeWrite?: BeforeWrite;
  /**
   * This hub leads an active/standby group, advertised at this URL (src/cli/hub-standby.ts):
   * `/healthz` says `role: "leader"` and names it, as a standby's names the leader.
   */
  groupUrl?: string;
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
  /** The timeline (docs/timeline.md): days kept, values and thumbnail intervals, the pictures' size budget. */
  timeline?: Partial<TimelineSettings>;
  /** How often the timeline recorder reads and appends (default 1000 ms); tests shorten it. */
  timelineEveryMs?: number;
  /**
   * The project's forecasts.yaml: topics the baseline forecaster forecasts, and hazard topics it never
   * does (src/hub/forecaster/, docs/forecasts.md); default none. A baseline entry for a hazard topic
   * makes startHub throw.
   */
  forecasts?: ForecastsConfig;
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
  /**
   * The project's federation.yaml (docs/federation.md): a sub-centre forwards to its province over
   * NATS JetStream, a province applies what its sub-centres forwarded. NATS credentials come from
   * the data directory or the environment (federation/nats-connect.ts).
   */
  federation?: FederationConfig;
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
