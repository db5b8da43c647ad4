/**
 * The wall client: the one owner of the hub link and its controllers (connection, clock, data,
 * acks), which talk through a typed bus. It hands everything the hub says to a sink (the
 * renderer's store implements it); widgets never see the socket. A plain module: it runs in the
 * page and in Node tests alike.
 *
 *   const client = new WallClient({ url, token, identity, sink, storage: localStorage });
 *   client.init();
 *   client.acknowledge(alertId, 'Nguyễn Văn An', 'r1c1');   // persisted, retried until committed
 */
import type { Alert } from '../../core/protocol/alerts.js';
import type { DegradedState, HealthReport } from '../../core/protocol/wall-health.js';
import type { LateTopics, Snapshot, TopicUpdate, WallFeature, WallIdentity } from '../../core/protocol/protocol.js';
import type { LayoutAbort, LayoutCommand, LayoutPrepare, LayoutSwitched } from '../../core/protocol/layout-commands.js';
import type { Thumbnail } from '../../core/protocol/thumbnail.js';
import { AckQueue, type AckStorage } from './ack-queue.js';
import { checkDegradedState } from '../../core/protocol/protocol-validate.js';
import { EventBus } from './bus.js';
import { ClockSync } from './clock-sync.js';
import { mergeWallClientConfig, type WallClientConfig, type WallClientConfigInput } from './config.js';
import { ConnectionController, type SocketFactory } from './connection.js';
import { DataSync } from './data-sync.js';
import { LayoutSync } from './layout-sync.js';
import type { AlertEventKind, ClockSample, ConnectionStateEvent, PendingAck, WallClientEvents } from './events.js';

export type { AckStorage } from './ack-queue.js';
export type { ConnectionStateEvent, PendingAck, WallClientEvents } from './events.js';

/** Where the client delivers what the hub says. */
export interface WallSink {
  /** Replace everything: values, active alerts, current layout, late topics. */
  onSnapshot(snapshot: Snapshot): void;
  onUpdates(updates: TopicUpdate[]): void;
  onAlert(event: { kind: AlertEventKind; alert: Alert }): void;
  /** Switch to `layout` on the first frame at or after local time `localAt`. */
  onLayoutCommand(command: LayoutCommand & { localAt: number }): void;
  onConnectionState(state: ConnectionStateEvent): void;
  onLateTopics?(late: LateTopics): void;
  /** The acknowledgements still waiting for the hub (e.g. to mark them "sending…"). */
  onPendingAcks?(pending: readonly PendingAck[]): void;
  /**
   * Two-phase switch, phase 1: build `layout` hidden for `switchId` (streams started) and resolve
   * ok, or not with why. A sink that has this takes part in the prepare round (the client
   * announces `two-phase-switch`); the commit arrives as onLayoutCommand with
   * `commandId` = `switchId`.
   */
  onLayoutPrepare?(prepare: LayoutPrepare): Promise<{ ok: boolean; error?: string }>;
  /** Two-phase switch aborted: drop the scene prepared for `switchId`, keep the current one. */
  onLayoutAbort?(abort: LayoutAbort): void;
  /** Degraded mode: the hub's complete set of dead screens (e.g. WallApp.setDeadScreens). */
  onDegraded?(state: DegradedState): void;
  /**
   * The sink takes chart history from snapshots (`Snapshot.history`): the client announces
   * `history`, and the hub adds it. Without it snapshots carry latest values only.
   */
  readonly history?: boolean;
}

export interface WallClientOptions {
  /** The hub's base URL. */
  url: string;
  token: string;
  identity: WallIdentity;
  sink: WallSink;
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
    const { sink } = this.o;
    const bus = this.bus;
    const on = <K extends keyof WallClientEvents>(e: K, fn: (p: WallClientEvents[K]) => void): void => void this.disposers.push(bus.on(e, fn));
    on('state', (s) => sink.onConnectionState(s));
    on('snapshot', (s) => sink.onSnapshot(s));
    on('updates', (u) => sink.onUpdates(u));
    on('alert', (a) => sink.onAlert(a));
    on('layout', (l) => sink.onLayoutCommand(l));
    on('late', (l) => sink.onLateTopics?.(l));
    on('acks', (p) => sink.onPendingAcks?.(p));

    const features: WallFeature[] = [];
    if (sink.onLayoutPrepare) features.push('two-phase-switch');
    if (sink.history) features.push('history');
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
    const layouts = new LayoutSync(
      connection,
      bus,
      (p) => sink.onLayoutPrepare?.(p) ?? Promise.resolve({ ok: true }),
      (a) => sink.onLayoutAbort?.(a),
    );
    // A malformed `degraded` event is dropped: the last good set stays.
    this.disposers.push(
      connection.on('degraded', (raw) => {
        const checked = checkDegradedState(raw);
        if (checked.ok) sink.onDegraded?.(checked.value);
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
