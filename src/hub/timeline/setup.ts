/**
 * The timeline at the hub (docs/timeline.md): its settings from HubOptions.timeline over the
 * defaults, the thumbnail archive under `<dataDir>/timeline/thumbnails`, the recorder over the
 * services, and the routes. Called by server.ts once the services and the console exist.
 */
import path from 'node:path';
import { TIMELINE_DEFAULTS, type TimelineSettings } from '../../core/protocol/timeline.js';
import type { ConsoleHandle } from '../console.js';
import type { HubServices } from '../hub-services.js';
import type { Router } from '../http.js';
import type { HubStore } from '../storage/store.js';
import type { WallRegistry } from '../walls.js';
import type { Layout } from '../../core/wall/model.js';
import { addReportRoute } from '../report/routes.js';
import { TimelineRecorder } from './recorder.js';
import { addReplayRoute } from './replay.js';
import { addTimelineRoutes } from './routes.js';
import { ThumbnailArchive } from './thumbnail-archive.js';

export interface TimelineDeps {
  settings?: Partial<TimelineSettings>;
  dataDir: string;
  layouts: readonly Layout[];
  services: HubServices;
  consoleHub: ConsoleHandle;
  walls: WallRegistry;
  store: HubStore;
  router: Router;
  now: () => number;
  log: (message: string) => void;
  /** The wall's IANA zone: the report's times. */
  timezone: string;
  /** How often the recorder reads and appends (default 1000 ms). */
  everyMs?: number;
}

export async function setUpTimeline(d: TimelineDeps): Promise<TimelineRecorder> {
  const settings: TimelineSettings = { ...TIMELINE_DEFAULTS, ...d.settings };
  const archive = settings.thumbnailsEveryS > 0 ? new ThumbnailArchive(path.join(d.dataDir, 'timeline', 'thumbnails'), settings.thumbnailBudgetMiB * 1024 * 1024) : null;
  archive?.init();
  const { alerts, cameras, topics, deadScreens } = d.services;
  const projectTopics = new Set(d.layouts.flatMap((l) => l.tiles.flatMap((t) => t.topics)));
  const recorder = new TimelineRecorder(
    d.store,
    {
      openAlerts: () => alerts.open(),
      onAlertChange: (listener) => alerts.onChange((_kind, alert) => listener(alert)),
      cameras: () => cameras.list(),
      late: () => topics.currentLate(),
      walls: () => d.walls.list(),
      deadScreens: () => deadScreens.current().deadScreens,
      values: () => topics.latest(),
      projectTopics,
      thumbnails: () => d.consoleHub.thumbnails.list().flatMap((info) => {
        const t = d.consoleHub.thumbnails.get(info.window, info.node);
        return t && t !== 'ambiguous' ? [t] : [];
      }),
    },
    archive,
    settings,
    d.now,
    d.log,
  );
  await recorder.init(d.everyMs);
  addTimelineRoutes({ router: d.router, store: d.store.timeline, archive, settings, now: d.now, roles: ['operator', 'editor'] });
  addReplayRoute({ router: d.router, store: d.store, alerts, settings, now: d.now, roles: ['operator', 'editor'] });
  addReportRoute({ router: d.router, store: d.store, alerts, timezone: d.timezone, now: d.now, roles: ['operator', 'editor'] });
  return recorder;
}
