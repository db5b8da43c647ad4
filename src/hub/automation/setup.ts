/**
 * The automation's place in the hub (called by hub-api.ts): the director over the project's
 * automation and layouts, its REST routes, and its events to walls (`takeover:prompt`,
 * `takeover:prompt-closed`, the open prompts again to every window that connects) and consoles
 * (`automation:changed`). Called after the wall namespace is set up, so a connecting window gets
 * its snapshot before the prompts.
 */
import { NO_AUTOMATION, type Automation } from '../../core/automation/model.js';
import type { Layout } from '../../core/wall/model.js';
import type { AlertService } from '../alerts.js';
import type { WallNamespace } from '../fanout.js';
import type { Router } from '../http.js';
import type { LayoutService } from '../layouts.js';
import type { HubStore } from '../storage/store.js';
import type { SwitchCoordinator } from '../switch-coordinator.js';
import type { AutomationMemory } from './automation-memory.js';
import { Director } from './director.js';
import { scheduleSource } from './precedence.js';
import { addAutomationRoutes } from './routes.js';

export interface AutomationDeps {
  automation: Automation | undefined;
  layouts: readonly Layout[];
  timezone: string;
  switches: SwitchCoordinator;
  layoutService: LayoutService;
  alerts: AlertService;
  store: HubStore;
  /** The automation's stored state, read before the hub serves (hub-services.ts). */
  memory: AutomationMemory;
  ns: WallNamespace;
  router: Router;
  now: () => number;
  log: (message: string) => void;
  /** Consoles re-read GET /api/schedule (console.ts coalesces a burst). */
  changed: () => void;
}

/** Wires the director; the caller starts it (`start`, once the hub listens) and destroys it. */
export function setUpAutomation(d: AutomationDeps): Director {
  const automation = d.automation ?? NO_AUTOMATION;
  const director = new Director({
    automation,
    schedule: scheduleSource(automation, d.layouts, d.timezone),
    switches: d.switches,
    layouts: d.layoutService,
    alerts: d.alerts,
    store: { automation: d.memory, audit: d.store.audit, presets: d.store.presets },
    now: d.now,
    timezone: d.timezone,
    log: d.log,
    events: {
      prompt: (prompt) => d.ns.emit('takeover:prompt', prompt),
      promptClosed: (id) => d.ns.emit('takeover:prompt-closed', { id }),
      changed: d.changed,
    },
  });
  addAutomationRoutes(d.router, director);
  // A window that connects while a prompt is open shows its banner too.
  d.ns.on('connection', (socket) => {
    for (const prompt of director.prompts()) socket.emit('takeover:prompt', prompt);
  });
  return director;
}
