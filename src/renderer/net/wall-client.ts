/**
 * The wall client: the one owner of the hub link and its controllers (connection, clock, data,
 * acks, layouts), which talk through one typed bus. Everything the hub says comes out of the
 * client on that bus and nowhere else (the hls.js pattern): each consumer subscribes to the events
 * it needs and keeps the disposer. Widgets never see the socket. A plain module: it runs in the
 * page and in Node tests alike.
 *
 *   const client = new WallClient({ url, token, identity, storage: localStorage, sink: { history: true } });
 *   const off = client.bus.on('updates', (updates) => …);
 *   client.init();
 *   client.acknowledge(alertId, 'Nguyễn Văn An', 'r1c1');   // persisted, retried until committed
 */
import type { Alert } from '../../core/protocol/alerts.js';
import type { DegradedState, HealthReport } from '../../core/protocol/wall-health.js';
import type { LateTopics, Snapshot, TopicUpdate, WallFeature, WallIdentity } from '../../core/protocol/protocol.js';
import type { LayoutAbort, LayoutCommand, LayoutPrepare, LayoutSwitched } from '../../core/protocol/layout-commands.js';
import type { Thumbnail } from '../../core/protocol/thumbnail.js';
import type { ForecastEvent } from '../../core/protocol/forecasts.js';
import { AckQueue, type AckStorage } from './ack-queue.js';
import { checkDegradedState, checkTakeoverPrompt, checkTakeoverPromptClosed, checkThumbnailRate } from '../../core/protocol/protocol-validate.js';
import { EventBus } from './bus.js';
import { ClockSync } from './clock-sync.js';
import { mergeWallClientConfig, type WallClientConfig, type WallClientConfigInput } from './config.js';
import { ConnectionController, type SocketFactory } from './connection.js';
import { DataSync } from './data-sync.js';
import { LayoutSync } from './layout-sync.js';
import type { AlertEventKind, ClockSample, ConnectionStateEvent, PendingAck, WallClientEvents } from './events.js';

export type { AckStorage } from './ack-queue.js';
export type { ConnectionStateEvent, PendingAck, WallClientEvents } from './events.js';

/**
 * The owner's part in the protocol, which decides what the client announces on connect: a sink
 * with `onLayoutPrepare` takes part in two-phase switches (`two-phase-switch`: the one question
 * the hub asks and waits for an answer to), one with `history` gets chart history in snapshots,
 * one with `onForecast` gets forecasts (`forecasts`: in snapshots and as `forecast` events).
 * Its `on…` listeners, all optional, are bus listeners like any other consumer's, subscribed at
 * init (before the link opens, so none misses the first snapshot), each to the event SINK_EVENTS
 * names; they suit a consumer of many events as one object (test recorders, a host bridge).
 */
export interface WallSink {
  /** Bus `snapshot`: replace everything (values, active alerts, current layout, late topics). */
  onSnapshot?(snapshot: Snapshot): void;
  /** Bus `updates`. */
  onUpdates?(updates: TopicUpdate[]): void;
  /** Bus `alert`. */
  onAlert?(event: { kind: AlertEventKind; alert: Alert }): void;
  /** Bus `layout`: switch to `layout` on the first frame at or after local time `localAt`. */
  onLayoutCommand?(command: LayoutCommand & { localAt: number }): void;
  /** Bus `state`. */
  onConnectionState?(state: ConnectionStateEvent): void;
  /** Bus `late`. */
  onLateTopics?(late: LateTopics): void;
  /** Bus `acks`: the acknowledgements still waiting for the hub. */
  onPendingAcks?(pending: readonly PendingAck[]): void;
  /** Bus `degraded`: the hub's complete set of dead screens. */
  onDegraded?(state: DegradedState): void;
  /** Bus `layoutAbort`: drop the scene prepared for `switchId`, keep the current one. */
  onLayoutAbort?(abort: LayoutAbort): void;
  /**
   * Two-phase switch, phase 1: build `layout` hidden for `switchId` (streams started) and resolve
   * ok, or not with why. Given, the client announces `two-phase-switch`; the commit arrives as the
   * bus's `layout` with `commandId` = `switchId`.
   */
  onLayoutPrepare?(prepare: LayoutPrepare): Promise<{ ok: boolean; error?: string }>;
  /** The owner keeps chart history: the client announces `history` and the hub adds it to snapshots. */
  readonly history?: boolean;
  /** The owner shows forecasts: the client announces `forecasts` (snapshots carry them, `forecast` events follow). */
  readonly forecasts?: boolean;
  /** Bus `forecast`: a topic's new forecast, or null when withdrawn (announces `forecasts` too). */
  onForecast?(event: ForecastEvent): void;
}

/** Which bus event each of a sink's listeners hears. */
const SINK_EVENTS = {
  onSnapshot: 'snapshot',
  onUpdates: 'updates',
  onAlert: 'alert',
  onLayoutCommand: 'layout',
  onConnectionState: 'state',
  onLateTopics: 'late',
  onPendingAcks: 'acks',
  onDegraded: 'degraded',
  onLayoutAbort: 'layoutAbort',
  onForecast: 'forecast',
} as const satisfies Partial<Record<keyof WallSink, keyof WallClientEvents>>;

export interface WallClientOptions {
  /** The hub's base URL, or the URLs of an active/standby group, tried in order (connection.ts). */
  url: string | readonly string[];
  token: string;
  identity: WallIdentity;
  /** The features the owner takes part in (and, optionally, its listeners as one object). */
  sink?: WallSink;
  /** Persists pending acks: `localStorage` in the page. */
  storage: AckStorage;
  config?: WallClientConfigInput;
  /** Local clock (ms); default Date.now. */
  now?: () => number;
  random?: () => number;
  /** Socket factory; default socket.io-client's io(). */
  socketFactory?: SocketFactory;
}

export class WallClient {
  public readonly bus = new EventBus<WallClientEvents>();
  public readonly config: WallClientConfig;
  private connection: ConnectionController | null = null;
  private clock: ClockSync | null = null;
  private data: DataSync | null = null;
  private acks: AckQueue | null = null;
  private layouts: LayoutSync | null = null;
  private readonly disposers: (() => void)[] = [];

  public constructor(private readonly o: WallClientOptions) {
    this.config = mergeWallClientConfig(o.config);
  }

  /** Creates the controllers and connects. */
  public init(): void {
    if (this.connection) throw new Error('WallClient.init() was called twice');
    const now = this.o.now ?? Date.now;
    const random = this.o.random ?? Math.random;
    const sink = this.o.sink ?? {};
    const bus = this.bus;
    for (const [method, event] of Object.entries(SINK_EVENTS) as [keyof typeof SINK_EVENTS, keyof WallClientEvents][]) {
      const listener = sink[method] as ((payload: unknown) => void) | undefined;
      if (listener) this.disposers.push(bus.on(event, (payload) => listener.call(sink, payload)));
    }

    const features: WallFeature[] = [];
    if (sink.onLayoutPrepare) features.push('two-phase-switch');
    if (sink.history) features.push('history');
    if (sink.forecasts || sink.onForecast) features.push('forecasts');
    const connection = new ConnectionController({
      url: this.o.url,
      token: this.o.token,
      identity: this.o.identity,
      ...(features.length ? { features } : {}),
      config: this.config,
      bus,
      now,
      random,
      ...(this.o.socketFactory ? { factory: this.o.socketFactory } : {}),
    });
    const clock = new ClockSync(connection, bus, this.config.clock, now);
    const data = new DataSync(connection, bus, this.config.resyncTimeoutMs, (t) => clock.toLocal(t));
    const { node, window } = this.o.identity;
    const acks = new AckQueue(connection, bus, this.o.storage, `${this.config.ack.storageKey}.${node}.${window}`, this.config.ack, now, () => clock.hubNow(), random);
    const layouts = new LayoutSync(connection, bus, (p) => sink.onLayoutPrepare?.(p) ?? Promise.resolve({ ok: true }));
    // A malformed `degraded` event is dropped: the last good set stays.
    this.disposers.push(
      connection.on('degraded', (raw) => {
        const checked = checkDegradedState(raw);
        if (checked.ok) bus.emit('degraded', checked.value);
      }),
      connection.on('thumbnail:rate', (raw) => {
        const checked = checkThumbnailRate(raw);
        if (checked.ok) bus.emit('thumbnailRate', checked.value);
      }),
      connection.on('takeover:prompt', (raw) => {
        const checked = checkTakeoverPrompt(raw);
        if (checked.ok) bus.emit('takeoverPrompt', checked.value);
      }),
      connection.on('takeover:prompt-closed', (raw) => {
        const checked = checkTakeoverPromptClosed(raw);
        if (checked.ok) bus.emit('takeoverPromptClosed', checked.value);
      }),
    );
    this.connection = connection;
    this.clock = clock;
    this.data = data;
    this.acks = acks;
    this.layouts = layouts;
    clock.init();
    data.init();
    acks.init();
    layouts.init();
    connection.init();
  }

  /** Queues an operator's acknowledgement; it is kept until the hub confirms the commit. */
  public acknowledge(alertId: string, operator: string, screen: string): PendingAck {
    return this.need(this.acks).acknowledge(alertId, operator, screen);
  }

  public pendingAcks(): readonly PendingAck[] {
    return this.acks?.pending() ?? [];
  }

  /** Sends a health report if connected. */
  public reportHealth(report: HealthReport): boolean {
    return this.need(this.connection).send('health', report);
  }

  /** Sends a thumbnail of the window (src/renderer/net/thumbnails.ts) if connected. */
  public reportThumbnail(thumbnail: Thumbnail): boolean {
    return this.need(this.connection).send('thumbnail', thumbnail);
  }

  /** Tells the hub this window swapped to a layout (hub time of the first frame). */
  public reportLayoutSwitched(report: LayoutSwitched): boolean {
    return this.need(this.connection).send('layout:switched', report);
  }

  /**
   * Asks the hub to switch the whole wall to `layout` (a local hotkey): every window of every
   * node prepares it and swaps on the same frame. False when not connected: switch locally then.
   */
  public requestLayout(layout: string): boolean {
    return this.layouts?.request(layout) ?? false;
  }

  /** Hub time → this machine's clock (the last sync's offset). */
  public toLocal(hubTime: number): number {
    return this.clock?.toLocal(hubTime) ?? hubTime;
  }

  public requestSnapshot(): void {
    this.need(this.data).requestSnapshot('manual');
  }

  /** Drops the link and connects again now. */
  public reconnect(): void {
    this.need(this.connection).reconnectNow();
  }

  /** Hub time now, from the last clock sync. */
  public hubNow(): number {
    return this.clock?.hubNow() ?? (this.o.now ?? Date.now)();
  }

  public get clockSync(): ClockSample | null {
    return this.clock?.lastSync ?? null;
  }

  public get state(): ConnectionStateEvent['state'] {
    return this.connection?.currentState ?? 'closed';
  }

  /** The hub the link is on (or tries next): one of the group's URLs. */
  public get hubUrl(): string | null {
    return this.connection?.hubUrl ?? null;
  }

  public get connected(): boolean {
    return this.connection?.connected ?? false;
  }

  /** Seq of the last applied update batch (null while waiting for a snapshot). */
  public get seq(): number | null {
    return this.data?.seq ?? null;
  }

  /** Stops everything in reverse order of creation; the pending acks stay in storage. */
  public destroy(): void {
    this.layouts?.destroy();
    this.acks?.destroy();
    this.data?.destroy();
    this.clock?.destroy();
    this.connection?.destroy();
    for (const d of this.disposers.splice(0)) d();
    this.bus.clear();
    this.acks = this.data = this.clock = this.connection = null;
    this.layouts = null;
  }

  private need<T>(part: T | null): T {
    if (!part) throw new Error('WallClient: call init() first');
    return part;
  }
}
