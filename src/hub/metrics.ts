/**
 * The hub's metrics at `GET /metrics`, in the Prometheus text exposition format (version 0.0.4),
 * kept and rendered by prom-client. Counters are counted where things happen (`metrics.x.inc()`);
 * gauges that are state (walls connected, open alerts) are read when scraped. The metric names,
 * labels and types are a public interface (docs/protocol.md "Metrics", dashboards): keep them.
 *
 * Each hub has its own registry (tests run several hubs in one process, and a registry per hub
 * keeps their counts apart); the process and Node metrics (CPU, memory, event loop, GC) are the
 * process's, so one registry of them is shared by every hub of the process and merged in at
 * each scrape.
 */
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { SEVERITIES } from '../core/wall/model.js';
import { CAMERA_STATES } from './cameras/camera-state.js';

/** State read at scrape time. */
export interface MetricGauges {
  wallsConnected: number;
  alertsOpenBySeverity: Record<string, number>;
  acksStored: number;
  topicsKnown: number;
  topicsLate: number;
  /** Two-phase layout switches (switch-coordinator.ts): counts since start and the last switch. */
  /** The camera gateway (src/hub/cameras/): each camera's state and viewers, reconnects per camera. */
  cameras?: { list: readonly { id: string; state: string; viewers: number }[]; reconnects: Record<string, number> };
  switches: { committed: number; aborted: number; last: { state: string; skewMs: number | null; latencyMs: number | null } | null };
  /** Federation (docs/federation.md), the shape of /healthz `federation`: a province's sub-centres or a sub-centre's link. */
  federation?: FederationGauges;
}

export type FederationGauges =
  | { role: 'province'; subCentres: readonly { id: string; link: { up: boolean }; backlog: number; lagMs: number; appliedCount: number }[] }
  | { role: 'sub-centre'; province: { up: boolean }; stream: { messages: number; bytes: number } };

const WINDOW_S = 10;

/** The process and Node metrics, collected once per process (prom-client's observers live as long as it). */
let processRegistry: Registry | null = null;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export class Metrics {
  /** This hub's own metrics (the process's are merged in by `render`). */
  public readonly registry = new Registry();
  // In the order they are rendered (registration order): the order /metrics has always had.
  private readonly wallsConnected = this.gauge('wallrun_walls_connected', 'Wall windows connected to namespace /wall.');
  private readonly updatesTotal = this.counter('wallrun_topic_updates_total', 'Topic updates accepted.');
  private readonly updatesRate = this.gauge('wallrun_topic_updates_per_second', `Topic updates per second, mean of the last ${WINDOW_S} s.`);
  /** Update batches not sent to a congested wall (it resyncs from a snapshot). */
  public readonly batchesDropped = this.counter('wallrun_update_batches_dropped_total', 'Update batches skipped for congested walls.');
  private readonly topicsKnown = this.gauge('wallrun_topics_known', 'Topics with a value or a deadline.');
  private readonly topicsLate = this.gauge('wallrun_topics_late', 'Topics past their daily deadline without an update today.');
  private readonly alertsOpen = this.gauge('wallrun_alerts_open', 'Alerts not cleared, by severity.', 'severity');
  public readonly alertsRaised = this.counter('wallrun_alerts_raised_total', 'Alerts raised, by severity.', 'severity');
  public readonly acksCommitted = this.counter('wallrun_acks_total', 'Acknowledgements committed by this process.');
  private readonly acksStored = this.gauge('wallrun_acks_stored', 'Acknowledgements in the store.');
  public readonly ackDuplicates = this.counter('wallrun_ack_duplicates_total', 'Acknowledgements of alerts already acknowledged.');
  public readonly ackRefused = this.counter('wallrun_ack_refused_total', 'Acknowledgements refused.');
  public readonly snapshotsSent = this.counter('wallrun_snapshots_sent_total', 'Snapshots sent to walls.');
  public readonly connectsRefused = this.counter('wallrun_connects_refused_total', 'Wall connections refused, by reason.', 'reason');
  private readonly switches = this.counter('wallrun_layout_switches_total', 'Layout switches, by outcome.', 'outcome');
  private readonly switchSkew = this.gauge('wallrun_layout_switch_skew_ms', "Last committed switch: max - min of the windows' swap times (hub ms).");
  private readonly switchLatency = this.gauge('wallrun_layout_switch_latency_ms', "Last committed switch: request to the last window's swap (hub ms).");
  public readonly restRequests = this.counter('wallrun_rest_requests_total', 'REST requests, by status code.', 'status');
  private readonly cameraState = new Gauge({ name: 'wallrun_camera_state', help: 'Camera pull state: 1 on the current state, 0 on the others.', labelNames: ['camera', 'state'], registers: [this.registry] });
  private readonly cameraViewers = this.gauge('wallrun_camera_viewers', 'WebSocket viewers of a camera.', 'camera');
  private readonly cameraReconnects = this.counter('wallrun_camera_reconnects_total', 'Camera pulls restarted after a failure.', 'camera');
  private readonly fedLinkUp = this.gauge('wallrun_federation_link_up', 'Federation: 1 while the leaf link to the sub-centre (province hub) or to the province (sub-centre hub, sub_centre="province") is up.', 'sub_centre');
  private readonly fedBacklog = this.gauge('wallrun_federation_backlog_messages', 'Province: messages a sub-centre forwarded not yet applied here.', 'sub_centre');
  private readonly fedLag = this.gauge('wallrun_federation_lag_ms', 'Province: 0 when caught up, else ms since the newest applied message was accepted at the sub-centre.', 'sub_centre');
  private readonly fedApplied = this.counter('wallrun_federation_applied_total', 'Province: forwarded messages applied since start.', 'sub_centre');
  private readonly fedStreamMessages = this.gauge('wallrun_federation_stream_messages', "Sub-centre: messages kept in its local forward stream.");
  private readonly fedStreamBytes = this.gauge('wallrun_federation_stream_bytes', "Sub-centre: bytes of its local forward stream.");

  /** Updates per whole second, the last WINDOW_S seconds (Prometheus' rate() needs two scrapes; this is the hub's own view). */
  private readonly perSecond = new Map<number, number>();

  public constructor(private readonly now: () => number) {
    // Every severity is listed, raised or not, so a dashboard sees 0 rather than no series.
    for (const severity of SEVERITIES) this.alertsRaised.inc({ severity }, 0);
  }

  public countUpdates(n: number): void {
    this.updatesTotal.inc(n);
    const s = Math.floor(this.now() / 1000);
    this.perSecond.set(s, (this.perSecond.get(s) ?? 0) + n);
    if (this.perSecond.size > WINDOW_S + 2) {
      for (const k of this.perSecond.keys()) if (k <= s - WINDOW_S) this.perSecond.delete(k);
    }
  }

  /** Mean updates per second over the last WINDOW_S complete seconds. */
  public updatesPerSecond(): number {
    const s = Math.floor(this.now() / 1000);
    let sum = 0;
    for (const [k, n] of this.perSecond) if (k < s && k >= s - WINDOW_S) sum += n;
    return sum / WINDOW_S;
  }

  /** The exposition text: this hub's metrics with `g` read now, then the process's. */
  public async render(g: MetricGauges): Promise<string> {
    this.wallsConnected.set(g.wallsConnected);
    this.updatesRate.set(this.updatesPerSecond());
    this.topicsKnown.set(g.topicsKnown);
    this.topicsLate.set(g.topicsLate);
    for (const severity of SEVERITIES) this.alertsOpen.set({ severity }, finite(g.alertsOpenBySeverity[severity]));
    this.acksStored.set(g.acksStored);
    // The coordinator keeps its own counts (since start): the counter mirrors them.
    this.switches.reset();
    this.switches.inc({ outcome: 'committed' }, g.switches.committed);
    this.switches.inc({ outcome: 'aborted' }, g.switches.aborted);
    this.switchSkew.set(finite(g.switches.last?.skewMs));
    this.switchLatency.set(finite(g.switches.last?.latencyMs));
    if (g.cameras) this.renderCameras(g.cameras);
    if (g.federation) this.renderFederation(g.federation);
    return Registry.merge([this.registry, processMetrics()]).metrics();
  }

  private renderCameras(c: NonNullable<MetricGauges['cameras']>): void {
    this.cameraState.reset();
    this.cameraViewers.reset();
    this.cameraReconnects.reset();
    for (const camera of c.list) {
      for (const state of CAMERA_STATES) this.cameraState.set({ camera: camera.id, state }, state === camera.state ? 1 : 0);
      this.cameraViewers.set({ camera: camera.id }, camera.viewers);
      this.cameraReconnects.inc({ camera: camera.id }, c.reconnects[camera.id] ?? 0);
    }
  }

  private renderFederation(f: FederationGauges): void {
    for (const m of [this.fedLinkUp, this.fedBacklog, this.fedLag, this.fedApplied]) m.reset();
    if (f.role === 'sub-centre') {
      this.fedLinkUp.set({ sub_centre: 'province' }, f.province.up ? 1 : 0);
      this.fedStreamMessages.set(f.stream.messages);
      this.fedStreamBytes.set(f.stream.bytes);
      return;
    }
    for (const s of f.subCentres) {
      this.fedLinkUp.set({ sub_centre: s.id }, s.link.up ? 1 : 0);
      this.fedBacklog.set({ sub_centre: s.id }, s.backlog);
      this.fedLag.set({ sub_centre: s.id }, s.lagMs);
      this.fedApplied.inc({ sub_centre: s.id }, s.appliedCount);
    }
  }

  /** The content type of `render`'s text. */
  public get contentType(): string {
    return this.registry.contentType;
  }

  private counter(name: string, help: string, label?: string): Counter {
    return new Counter({ name, help, labelNames: label ? [label] : [], registers: [this.registry] });
  }

  private gauge(name: string, help: string, label?: string): Gauge {
    return new Gauge({ name, help, labelNames: label ? [label] : [], registers: [this.registry] });
  }
}

/** A value for a sample: unknown (null, missing, NaN) reads 0, as docs/protocol.md says. */
function finite(v: number | null | undefined): number {
  return v !== null && v !== undefined && Number.isFinite(v) ? v : 0;
}
