/**
 * How a demo plugs into the hub from outside. The hub's services never import the demo simulation
 * (src/hub/demo/): the command that wants one (`wallrun hub --demo` in src/cli/hub.ts, `wallrun
 * demo` in src/cli/demo.ts) builds it (src/hub/demo/demo.ts, HubDemo) and passes it to startHub,
 * which calls it at three points of its start and first when it is destroyed.
 */
import type { Camera, Layout } from '../core/wall/model.js';
import type { AlertService } from './alerts.js';
import type { TokenSpec } from './auth.js';
import type { HubStore } from './storage/store.js';
import type { TopicService } from './topics.js';

/** The services a running demo feeds. */
export interface DemoServices {
  topics: TopicService;
  alerts: AlertService;
  now: () => number;
  log: (message: string) => void;
}

export interface DemoHook {
  /** Tokens when neither HubOptions.tokens nor `<dataDir>/tokens.json` gives any (the demo writes its own there). */
  tokens(dataDir: string): TokenSpec[];
  /** Once the store is open, before the hub serves: e.g. the demo's presets into an empty table. */
  seed(store: HubStore, layouts: readonly Layout[], now: number, log: (message: string) => void): Promise<void>;
  /**
   * Before the camera gateway is made: the demo starts the cameras the project's demo cameras name
   * and returns the project's cameras pointed at them (src/hub/demo/demo-cameras.ts).
   */
  cameras(project: readonly Camera[], log: (message: string) => void): Promise<Camera[]>;
  /** Once the hub listens: the demo's feeds, alerts and cameras begin. */
  init(services: DemoServices): Promise<void>;
  /** The demo cameras' base URL once init() started them; null without cameras. */
  readonly cameraBase: string | null;
  /** Called first when the hub is destroyed; safe to call twice. */
  destroy(): Promise<void>;
}
