/**
 * The hub's REST routes and wall socket handlers over its services (called by server.ts once the
 * services and the console exist, in this order): presets, the wall namespace (auth, snapshot,
 * acks, switches), the automation (its director, routes and events), the main REST API with the
 * gauges of /metrics, and the wall plan.
 */
import { setUpAutomation } from './automation/setup.js';
import type { Director } from './automation/director.js';
import type { TokenRegistry } from './auth.js';
import type { ConsoleHandle } from './console.js';
import type { WallNamespace } from './fanout.js';
import type { HubOptions } from './hub-options.js';
import type { HubServices } from './hub-services.js';
import type { FederationHandle } from './federation/setup.js';
import type { Router } from './http.js';
import type { Metrics } from './metrics.js';
import type { OperatorRegistry } from './operators.js';
import { addForecastRoutes } from './forecasts.js';
import { addPresetRoutes } from './presets.js';
import { addRoutes } from './rest.js';
import type { HubStore } from './storage/store.js';
import { addWallPlanRoute } from './wall-plan.js';
import { setUpWallNamespace } from './wall-namespace.js';
import type { WallRegistry } from './walls.js';

export interface HubApiDeps {
  options: HubOptions;
  services: HubServices;
  store: HubStore;
  router: Router;
  ns: WallNamespace;
  tokens: TokenRegistry;
  operators: OperatorRegistry;
  walls: WallRegistry;
  metrics: Metrics;
  consoleHub: ConsoleHandle;
  transport: 'tls' | 'insecure';
  startedAt: number;
  now: () => number;
  log: (message: string) => void;
  /** The hub's federation side, when federation.yaml names one. */
  federation: FederationHandle | null;
}

/** Wires routes and handlers; returns the automation's director (started once the hub listens). */
export function wireApi(d: HubApiDeps): Director {
  const { options, store, router, ns, tokens, operators, walls, metrics, now, log } = d;
  const { cameras, fanout, topics, alerts, layoutService, deadScreens, switches } = d.services;
  const layouts = options.layouts ?? [];
  addPresetRoutes({
    router,
    store,
    projectLayouts: layouts,
    projectCameras: d.services.projectCameras,
    layouts: layoutService,
    switches,
    now,
    changed: (event) => d.consoleHub.presetChanged(event),
  });
  setUpWallNamespace({ switches, ns, tokens, operators, fanout, topics, forecasts: d.services.forecasts, alerts, layouts: layoutService, walls, deadScreens, metrics, now, log });
  const director = setUpAutomation({
    automation: options.automation,
    layouts,
    timezone: options.timezone ?? 'Asia/Ho_Chi_Minh',
    switches,
    layoutService,
    alerts,
    store,
    memory: d.services.automationMemory,
    ns,
    router,
    now,
    log,
    changed: () => d.consoleHub.automationChanged(),
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
    startedAt: d.startedAt,
    transport: d.transport,
    federation: d.federation,
    ...(options.groupUrl ? { groupUrl: options.groupUrl } : {}),
    timezone: options.timezone ?? 'Asia/Ho_Chi_Minh',
    gauges: () => ({
      wallsConnected: ns.sockets.size,
      alertsOpenBySeverity: alerts.counts().openBySeverity,
      acksStored: alerts.counts().acksStored,
      topicsKnown: topics.count(),
      topicsLate: topics.currentLate().length,
      switches: { ...switches.counts, last: switches.last },
      cameras: { list: cameras.list(), reconnects: cameras.reconnects() },
    }),
  });
  addForecastRoutes(router, d.services.forecasts, now, ['operator', 'editor', 'integration'], () => d.services.baseline.forecaster.status());
  addWallPlanRoute({
    router,
    wall: options.wall,
    layouts,
    windows: () => walls.list(),
    deadScreens: () => deadScreens.current().deadScreens,
    now,
  });
  return director;
}
