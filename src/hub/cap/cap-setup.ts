/**
 * CAP 1.2 in the hub, wired in one place for startHub: the service (ingest, expiry sweep), its REST
 * routes and the feed poller, started after the hub listens and taken down with it.
 */
import type { Automation } from '../../core/automation/model.js';
import type { AlertService } from '../alerts.js';
import type { Router } from '../http.js';
import type { HubStore } from '../storage/store.js';
import { CapFeedPoller } from './cap-feed.js';
import { addCapRoutes } from './cap-routes.js';
import { CapService } from './cap-service.js';

export interface CapSetup {
  start(): void;
  destroy(): void;
}

export function setUpCap(o: {
  router: Router;
  store: HubStore;
  alerts: AlertService;
  now: () => number;
  log: (message: string) => void;
  config: Automation['cap'];
  sweepMs?: number;
}): CapSetup {
  const cap = new CapService({ store: o.store, alerts: o.alerts, now: o.now, log: o.log, ...(o.sweepMs !== undefined ? { sweepMs: o.sweepMs } : {}) });
  addCapRoutes(
    { router: o.router, store: o.store, cap, now: o.now, maxBodyBytes: o.config.maxBodyBytes, senders: () => o.config.senders },
    ['operator', 'editor', 'integration'],
  );
  const poller = new CapFeedPoller({ feeds: o.config.feeds, cap, maxBodyBytes: o.config.maxBodyBytes, log: o.log });
  return {
    start: () => {
      cap.start();
      poller.start();
    },
    destroy: () => {
      poller.destroy();
      cap.destroy();
    },
  };
}
