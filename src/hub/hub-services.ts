/**
 * The hub's services over its store and the wall namespace (called by server.ts, before any route
 * or socket handler is wired): the camera gateway, the update fanout, topics (last values,
 * deadlines, chart history), forecasts, alerts, the current layout, the dead-screen monitor and the two-phase
 * switch coordinator. Construction registers no route and no socket handler; topics and the
 * dead-screen monitor start their timers here, the camera gateway pulls once the hub listens.
 */
import type { Camera } from '../core/wall/model.js';
import { AlertService } from './alerts.js';
import { AutomationMemory } from './automation/automation-memory.js';
import { CameraGateway } from './cameras/gateway.js';
import { DeadScreenMonitor } from './dead-screens.js';
import { collectDeadlines, collectMaxAges } from './deadlines.js';
import { ForecastService } from './forecasts.js';
import { refuseHazardBaseline, setUpBaseline, type BaselineSetup } from './forecaster/setup.js';
import { UpdateFanout, type WallNamespace } from './fanout.js';
import type { HubOptions } from './hub-options.js';
import { LayoutService } from './layouts.js';
import type { Metrics } from './metrics.js';
import type { HubStore } from './storage/store.js';
import { SwitchCoordinator } from './switch-coordinator.js';
import { collectHistoryWindows } from './topic-history.js';
import { TopicService } from './topics.js';
import type { WallRegistry } from './walls.js';

export interface HubServiceDeps {
  options: HubOptions;
  store: HubStore;
  ns: WallNamespace;
  metrics: Metrics;
  walls: WallRegistry;
  now: () => number;
  log: (message: string) => void;
  /** The project's cameras as the gateway pulls them (the demo's re-pointed at the cameras it serves). */
  projectCameras: Camera[];
}

export interface HubServices {
  cameras: CameraGateway;
  projectCameras: Camera[];
  fanout: UpdateFanout;
  topics: TopicService;
  /** Each topic's current forecast (forecasts.ts). */
  forecasts: ForecastService;
  /** The baseline forecaster of forecasts.yaml (forecaster/): started by server.ts once the hub listens. */
  baseline: BaselineSetup;
  alerts: AlertService;
  layoutService: LayoutService;
  deadScreens: DeadScreenMonitor;
  switches: SwitchCoordinator;
  /** The automation's stored state in memory (the director's). */
  automationMemory: AutomationMemory;
}

/** Reads what the services keep in memory from the store first (topics, open alerts, layout, last switch, automation). */
export async function createServices({ options, store, ns, metrics, walls, now, log, projectCameras }: HubServiceDeps): Promise<HubServices> {
  refuseHazardBaseline(options.forecasts); // before any service starts a timer
  const cameras = new CameraGateway({ cameras: projectCameras, dataDir: options.dataDir, now, log, ...(options.ffmpeg ? { ffmpeg: options.ffmpeg } : {}) });
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
    log,
  });
  await topics.init();
  const alerts = new AlertService(store, ns, metrics, now);
  await alerts.init();
  const forecasts = new ForecastService(store.forecasts, ns, now);
  await forecasts.init();
  const baseline = await setUpBaseline({ config: options.forecasts, store: store.baselineSamples, topics, forecasts, now, log });
  const layoutService = new LayoutService(store, ns, now, layouts.length ? layouts.map((l) => l.id) : null, await store.layout.load());
  const automationMemory = await AutomationMemory.load(store.automation, log);
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
    saved: await store.walls.loadSwitch(),
    ...(options.prepareTimeoutMs !== undefined ? { prepareTimeoutMs: options.prepareTimeoutMs } : {}),
    ...(options.commitLeadMs !== undefined ? { commitLeadMs: options.commitLeadMs } : {}),
  });
  return { cameras, projectCameras, fanout, topics, forecasts, baseline, alerts, layoutService, deadScreens, switches, automationMemory };
}
