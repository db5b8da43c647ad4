/**
 * The renderer's WallSink: what the hub says, applied to the page. Snapshots replace the store's
 * values (with the charts' history), alerts and late list (rule 2) and bring the operator directory; updates are published;
 * alert events change the alert map (ticker and lists redraw through the alerts topic); layout
 * commands go to the follower; connection states to the badge.
 */
import type { Alert } from '../../core/protocol/alerts.js';
import type { LateTopics, Snapshot, TopicUpdate } from '../../core/protocol/protocol.js';
import type { LayoutAbort, LayoutCommand, LayoutPrepare } from '../../core/protocol/layout-commands.js';
import type { AlertEventKind, ConnectionStateEvent, PendingAck } from '../net/events.js';
import type { WallSink } from '../net/wall-client.js';
import type { Store } from '../store.js';

export interface StoreSinkDeps {
  store: Store;
  onOperators(directory: NonNullable<Snapshot['operators']>): void;
  onLayout(command: LayoutCommand): void;
  onConnection(state: ConnectionStateEvent): void;
  onPending(pending: readonly PendingAck[]): void;
  /** Degraded mode: the hub's complete set of dead screens (for WallApp.setDeadScreens). */
  onDegraded?(deadScreens: string[]): void;
  /** Two-phase switch: build the layout hidden; resolve whether it is ready. */
  prepare(prepare: LayoutPrepare): Promise<{ ok: boolean; error?: string }>;
  abort(abort: LayoutAbort): void;
  /**
   * Once, when the first snapshot arrived, before it is applied: the local demo feed stops then, so
   * no demo value can follow the hub's into a topic's history (the store keeps one source per topic).
   */
  onFirstSnapshot?(): void;
}

export class StoreSink implements WallSink {
  public snapshots = 0;
  /** The store takes chart history, so the client asks the hub for it (feature `history`). */
  public readonly history = true;

  public constructor(private readonly d: StoreSinkDeps) {}

  public onSnapshot(s: Snapshot): void {
    this.snapshots += 1;
    if (this.snapshots === 1) this.d.onFirstSnapshot?.();
    const { store } = this.d;
    store.replaceValues(s.values, s.history);
    store.replaceAlerts(s.alerts);
    store.setLate(s.late.map((l) => l.topic));
    if (s.operators) this.d.onOperators(s.operators);
    if (s.layout) this.d.onLayout(s.layout);
  }

  public onUpdates(updates: TopicUpdate[]): void {
    for (const u of updates) this.d.store.publish(u.topic, u.value, u.t, 'hub');
  }

  public onAlert(e: { kind: AlertEventKind; alert: Alert }): void {
    if (e.kind === 'cleared' || e.alert.state === 'cleared') this.d.store.clearAlert(e.alert.id);
    else this.d.store.raiseAlert(e.alert);
  }

  public onLayoutCommand(command: LayoutCommand & { localAt: number }): void {
    const { localAt: _local, ...cmd } = command;
    this.d.onLayout(cmd);
  }

  public onConnectionState(state: ConnectionStateEvent): void {
    this.d.onConnection(state);
  }

  public onLateTopics(late: LateTopics): void {
    this.d.store.setLate(late.late.map((l) => l.topic));
  }

  public onPendingAcks(pending: readonly PendingAck[]): void {
    this.d.onPending(pending);
  }

  public onDegraded(state: { deadScreens: string[] }): void {
    this.d.onDegraded?.(state.deadScreens);
  }

  public onLayoutPrepare(prepare: LayoutPrepare): Promise<{ ok: boolean; error?: string }> {
    return this.d.prepare(prepare);
  }

  public onLayoutAbort(abort: LayoutAbort): void {
    this.d.abort(abort);
  }
}
