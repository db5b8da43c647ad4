/**
 * Starts a hub's federation side from its federation.yaml (docs/federation.md): a sub-centre's
 * forwarder, wired into the alert service and the topic publish route, or a province's applier over
 * the topic and alert services. The handle gives /healthz and /metrics their `federation` part.
 */
import type { FederationConfig } from '../../core/files/federation-model.js';
import type { TopicUpdate } from '../../core/protocol/protocol.js';
import type { AlertService } from '../alerts.js';
import type { HubStore } from '../storage/store.js';
import type { TopicService } from '../topics.js';
import type { FederationHealth } from '../../core/protocol/federation-health.js';
import { SubCentreForwarder } from './forwarder.js';
import { ProvinceFederation } from './province.js';

export interface FederationHandle {
  health(): Promise<FederationHealth>;
  /** A sub-centre's: forwards accepted topic updates (resolves once stored for the province). */
  forwardUpdates?: (updates: readonly TopicUpdate[]) => Promise<void>;
  destroy(): Promise<void>;
}

export interface FederationDeps {
  dataDir: string;
  store: HubStore;
  topics: TopicService;
  alerts: AlertService;
  now: () => number;
  log: (m: string) => void;
}

export async function startFederation(config: FederationConfig, d: FederationDeps): Promise<FederationHandle> {
  if (config.role === 'sub-centre') {
    const forwarder = await SubCentreForwarder.start(config, d.dataDir, d.now, d.log);
    d.alerts.forwardWith((kind, alert, actor) => forwarder.forwardAlert(kind, alert, actor));
    return {
      health: () => forwarder.health(),
      forwardUpdates: (updates) => forwarder.forwardUpdates(updates),
      destroy: () => forwarder.destroy(),
    };
  }
  const province = await ProvinceFederation.start(
    config,
    {
      store: d.store.federation,
      publishTopics: (updates) => void d.topics.publish(updates),
      flushTopics: () => d.topics.flushToStore(),
      applyAlert: (kind, alert, actor, mark) => d.alerts.applyForwarded(kind, alert, actor, mark),
    },
    d.dataDir,
    d.now,
    d.log,
  );
  return { health: () => province.health(), destroy: () => province.destroy() };
}
