/**
 * The page's link to the hub, when its config names one: the wall client (socket.io, clock sync,
 * snapshot and updates, persistent ack queue), whose bus feeds the store (store-feed.ts) and this
 * session (each subscribes to the events it needs), the connection badge on the window's first
 * screen, layout commands at hub time, escalation of critical alerts, acknowledgement on the wall,
 * and health reports. One owner: init in order, destroy in reverse.
 */
import type { HubDebugState, WallHubConfig, WallPageConfig, WallrunHost } from '../../core/page/host-api.js';
import type { PageEvent } from '../../core/page/host-messages.js';
import { HUB_DEFAULTS, hubUrls, wallIdentity } from '../../core/page/hub-config.js';
import type { Snapshot, WallIdentity } from '../../core/protocol/protocol.js';
import { memoryStorage, type AckStorage } from '../net/ack-queue.js';
import type { ConnectionStateEvent, PendingAck } from '../net/events.js';
import { WallClient } from '../net/wall-client.js';
import { startLinkWorker } from '../net/link-worker.js';
import type { WorkerSocketFactory } from '../net/worker-socket.js';
import { startWallThumbnails, type ThumbnailSender } from '../net/thumbnails.js';
import { hostPageCapture } from '../net/page-capture.js';
import type { WallApp } from '../wall-app.js';
import { AckController } from './ack-controller.js';
import { AlertCache } from './alert-cache.js';
import { Beeper } from './beeper.js';
import { ConnectionBadge } from './connection-badge.js';
import { ConnectionStatus } from './connection-status.js';
import { TakeoverBanner } from './takeover-banner.js';
import { Escalation } from './escalation.js';
import { HealthReporter } from './health-reporter.js';
import { LayoutFollower } from './layout-follower.js';
import { OperatorCache } from './operator-cache.js';
import { feedStore } from './store-feed.js';

/** The page's localStorage, or memory where storage is off (acks then survive only while the page lives). */
function pageStorage(): AckStorage {
  try {
    const s = window.localStorage;
    s.getItem('wallrun.probe');
    return s;
  } catch {
    return memoryStorage();
  }
}

export class HubSession {
  private client: WallClient | null = null;
  private readonly hub: Required<Pick<WallHubConfig, 'escalateAfterS' | 'sound' | 'healthEveryS'>> & WallHubConfig;
  private readonly identity: WallIdentity;
  private readonly storage = pageStorage();
  private readonly operators = new OperatorCache(this.storage);
  private readonly alertCache: AlertCache;
  private readonly status: ConnectionStatus;
  private readonly beeper: Beeper;
  private readonly escalation: Escalation;
  /** Snapshots received: the first one stops the demo feed; none yet, the alert cache stands in. */
  private snapshots = 0;
  private link: WorkerSocketFactory | null = null;
  private readonly follower: LayoutFollower;
  private readonly acks: AckController;
  private badge: ConnectionBadge | null = null;
  private banner: TakeoverBanner | null = null;
  private health: HealthReporter | null = null;
  private thumbnails: ThumbnailSender | null = null;
  private pending = new Map<string, PendingAck>();
  private readonly rejected: HubDebugState['rejectedAcks'] = [];
  private escalationTimer: ReturnType<typeof setInterval> | null = null;
  private readonly disposers: (() => void)[] = [];

  public constructor(
    private readonly app: WallApp,
    private readonly config: WallPageConfig & { hub: WallHubConfig },
    private readonly options: { onFirstSnapshot?: () => void; capturePage?: WallrunHost['capturePage'] } = {},
  ) {
    this.hub = { ...HUB_DEFAULTS, ...config.hub };
    this.identity = config.hub.identity ?? wallIdentity(app.window);
    this.alertCache = new AlertCache(this.storage, `wallrun.alerts.v1.${this.identity.node}.${this.identity.window}`);
    const theme = config.themes.find((t) => t.id === config.layouts.find((l) => l.id === config.initialLayout)?.theme) ?? config.themes[0]!;
    this.status = new ConnectionStatus(config.lang, config.wall.timezone);
    this.beeper = new Beeper(this.hub.sound);
    this.escalation = new Escalation(this.hub.escalateAfterS, this.beeper);
    const store = app.store;
    this.follower = new LayoutFollower({
      current: () => app.sceneKey,
      busy: (id) => app.scenes.switching && app.scenes.preparedKey !== id,
      switchTo: (c) => app.commitLayout(c.commandId, c.layout, c.at, c.preset ?? null),
      drop: (id) => void app.abortLayout(id),
      report: (r) => void this.client?.reportLayoutSwitched(r),
    });
    this.acks = new AckController({
      window: app.window,
      screens: this.identity.screens,
      overlay: app.overlay,
      theme,
      lang: config.lang,
      timezone: config.wall.timezone,
      alerts: () => store.activeAlerts(),
      alertListRect: () => app.alertListRect(),
      identify: (s) => this.operators.identify(s),
      acknowledge: (alertId, operator, screen) => {
        try {
          this.client?.acknowledge(alertId, operator, screen);
        } catch (err) {
          this.rejected.push({ alertId, reason: err instanceof Error ? err.message.slice(0, 200) : 'not queued' });
        }
      },
      changed: () => store.refreshAlerts(),
      now: () => Date.now(),
    });
    const screen = app.window.screens[0];
    if (screen && !config.review) {
      this.badge = new ConnectionBadge(theme, screen.wallRect);
      this.badge.show(this.status.read());
      app.overlay.addChild(this.badge.view);
      this.banner = new TakeoverBanner(theme, screen.wallRect, config.layouts, config.lang);
      app.overlay.addChild(this.banner.view);
    }
  }

  /** Hub time now (the wall clock until the first clock sync). */
  public hubNow(): number {
    return this.client?.hubNow() ?? Date.now();
  }

  /** Connects and starts reporting; call once the first layout is on screen. */
  public init(): void {
    const { app, hub } = this;
    this.operators.load();
    if (this.snapshots === 0 && app.store.alertList().length === 0) app.store.replaceAlerts(this.alertCache.load());
    app.store.setAlertMarker((a) => {
      const p = this.pending.get(a.id);
      const escalated = this.escalation.has(a.id);
      const selected = this.acks.selected === a.id;
      if (!p && !escalated && !selected) return undefined;
      return { ...(p ? { pendingAck: { operator: p.operator, at: p.at } } : {}), ...(escalated ? { escalated } : {}), ...(selected ? { selected } : {}) };
    });
    app.setAlertActions(this.acks);
    // The hub link's sockets run in a worker, so a page held by rendering still answers the hub's heartbeat.
    this.link = startLinkWorker(import.meta.url);
    const client = new WallClient({
      socketFactory: this.link.factory,
      // Every hub of an active/standby group, hub.url first (docs/scaling.md).
      url: hubUrls(hub),
      token: hub.token,
      identity: this.identity,
      // The store takes chart history; the page builds a two-phase switch's layout hidden.
      sink: { history: true, forecasts: true, onLayoutPrepare: (p) => app.prepareLayout(p.switchId, p.layout, p.preset ?? null) },
      storage: this.storage,
      ...(hub.reconnectMaxMs !== undefined ? { config: { reconnect: { maxMs: hub.reconnectMaxMs, baseMs: Math.min(500, hub.reconnectMaxMs) } } } : {}),
    });
    this.client = client;
    const bus = client.bus;
    this.disposers.push(
      // The store first: the session's snapshot listener finds the store replaced already.
      feedStore(bus, app.store),
      bus.on('snapshot', (s) => this.onSnapshot(s)),
      bus.on('layout', ({ localAt: _local, ...command }) => this.follower.follow(command)),
      bus.on('state', (s) => this.onConnectionState(s)),
      bus.on('acks', (pending) => this.onPendingAcks(pending)),
      bus.on('degraded', (d) => app.setDeadScreens(d.deadScreens)),
      bus.on('thumbnailRate', (r) => this.thumbnails?.setEvery(r.everyMs)),
      bus.on('takeoverPrompt', (p) => this.banner?.open(p)),
      bus.on('takeoverPromptClosed', ({ id }) => this.banner?.close(id)),
      bus.on('layoutAbort', (a) => void app.abortLayout(a.switchId)),
      bus.on('ackRejected', ({ ack, result }) => {
        this.rejected.push({ alertId: ack.alertId, reason: result.reason });
        if (this.rejected.length > 50) this.rejected.shift();
      }),
    );
    const tick = (): void => {
      this.acks.tick();
      this.follower.pump();
    };
    app.tickers.add(tick);
    this.disposers.push(() => app.tickers.delete(tick));
    const onKey = (e: KeyboardEvent): void => {
      if (e.repeat && e.key !== 'Backspace') return;
      if (!this.acks.onKeyDown(e)) return;
      e.preventDefault();
      e.stopImmediatePropagation(); // not a layout hotkey as well
    };
    window.addEventListener('keydown', onKey, { capture: true });
    this.disposers.push(() => window.removeEventListener('keydown', onKey, { capture: true }));
    this.escalationTimer = setInterval(() => this.updateEscalation(), 1000);
    client.init();
    this.pending = new Map(client.pendingAcks().map((a) => [a.alertId, a]));
    this.health = new HealthReporter(
      hub.healthEveryS * 1000,
      () => ({ layout: app.layout, fps: app.loop.fps, changedFps: app.renderMeter.snapshot().changedFps, darkScreens: app.darkScreens, watchdog: this.config.watchdog, webStreams: app.pageLayer.streams(app.scenes.current), load: app.load.report() }),
      (r) => client.reportHealth(r),
      () => this.hubNow(),
    );
    this.health.init();
    // The canvas holds holes where page content (web tiles, cameras on the element path) shows.
    const contentShown = (): boolean => app.pageLayer.showing;
    this.thumbnails = startWallThumbnails(app, client, this.identity, hub.thumbnailEveryS ?? 10, hostPageCapture(this.options.capturePage, contentShown));
  }

  /**
   * A local layout hotkey: while connected the hub switches the whole wall (every window, same
   * frame); returns false when not connected (the caller switches this window alone).
   */
  public requestLayout(layout: string): boolean {
    return this.client?.connected === true && this.client.requestLayout(layout);
  }

  /** Sends a health report now (e.g. the node's dark screens changed); false when not connected. */
  public reportHealth(): boolean {
    return this.health?.report() ?? false;
  }

  /** The page's own events: a layout swap is reported to the hub. */
  public onPageEvent(e: PageEvent): void {
    if (e.type === 'layoutSwitched') this.follower.onSwitched(e.to, e.at);
  }

  public debugState(): HubDebugState {
    const c = this.client;
    const alerts = this.app.store.activeAlerts();
    return {
      connection: c?.state ?? 'closed',
      badge: this.status.read(),
      snapshots: this.snapshots,
      linkThread: this.link?.thread ?? 'page',
      linkWorkerFailure: this.link?.failed ?? null,
      seq: c?.seq ?? null,
      clockOffsetMs: c?.clockSync?.offsetMs ?? null,
      alerts: alerts.map((a) => ({ id: a.id, severity: a.severity, state: a.state, acknowledgedBy: a.acknowledgedBy ?? null, pending: !!a.pendingAck, escalated: !!a.escalated })),
      pendingAcks: (c?.pendingAcks() ?? []).map(({ ackId, alertId, operator, screen, attempts }) => ({ ackId, alertId, operator, screen, attempts })),
      rejectedAcks: [...this.rejected],
      operators: this.operators.size,
      ...this.acks.debug(),
      beeps: this.beeper.beeps,
      healthSent: this.health?.sent ?? 0,
      lastSwitch: this.follower.last,
      lateTopics: [...this.app.store.lateTopics].sort(),
      takeoverBanner: this.banner?.shown ?? '',
    };
  }

  public destroy(): void {
    if (this.escalationTimer) clearInterval(this.escalationTimer);
    this.health?.destroy();
    this.thumbnails?.destroy();
    for (const d of this.disposers.splice(0)) d();
    this.client?.destroy();
    this.client = null;
    this.link?.destroy();
    this.link = null;
    this.app.setAlertActions(null);
    this.app.store.setAlertMarker(null);
    this.acks.destroy();
    this.badge?.destroy();
    this.banner?.destroy();
    this.beeper.destroy();
  }

  /**
   * After the store took it (store-feed.ts): the first one stops the demo feed, in the same turn, so
   * no demo value can follow the hub's into a topic's history; then operators and layout.
   */
  private onSnapshot(s: Snapshot): void {
    this.snapshots += 1;
    if (this.snapshots === 1) this.options.onFirstSnapshot?.();
    if (s.operators) this.operators.set(s.operators);
    if (s.layout) this.follower.follow(s.layout);
  }

  private onConnectionState(s: ConnectionStateEvent): void {
    // The first link, as a start-up mark (`wallrun demo --verbose`; marks of one name are kept once).
    if (s.state === 'connected' && performance.getEntriesByName('wallrun:hub-connected').length === 0) performance.mark('wallrun:hub-connected');
    if (this.status.apply(s)) this.badge?.show(this.status.read());
    // The hub sends the open prompts again on every connection: what was open before the link broke may be closed since.
    if (s.state !== 'connected') this.banner?.clear();
    // Dark screens reach the hub on connect, not a report period later.
    if (s.state === 'connected' && this.app.darkScreens.length > 0) this.reportHealth();
    // Camera tiles follow the link to the hub it is on (a standby group's new leader): players that
    // start from now on, a retry after the old hub died among them, go there.
    const on = this.client?.hubUrl;
    if (s.state === 'connected' && on && this.app.cameraHub) this.app.cameraHub.url = on;
  }

  private onPendingAcks(pending: readonly PendingAck[]): void {
    this.pending = new Map(pending.map((a) => [a.alertId, a]));
    this.updateEscalation();
    this.app.store.refreshAlerts();
  }

  private updateEscalation(): void {
    if (this.snapshots > 0) this.alertCache.save(this.app.store.alertList());
    if (this.escalation.update(this.app.store.activeAlerts(), this.hubNow())) this.app.store.refreshAlerts();
  }
}
