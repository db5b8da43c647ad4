/** A WallSink that records what it gets and re-emits it, so tests can wait for it with a deadline. */
import { EventEmitter } from 'node:events';
import type { Alert } from '../../src/core/protocol/alerts.js';
import type { LateTopics, Snapshot, TopicUpdate } from '../../src/core/protocol/protocol.js';
import type { LayoutCommand } from '../../src/core/protocol/layout-commands.js';
import type { AlertEventKind, ConnectionStateEvent, PendingAck } from '../../src/renderer/net/events.js';
import type { WallSink } from '../../src/renderer/net/wall-client.js';

export class RecordingSink extends EventEmitter implements WallSink {
  public readonly snapshots: Snapshot[] = [];
  public readonly states: ConnectionStateEvent[] = [];
  public readonly alerts: { kind: AlertEventKind; alert: Alert }[] = [];
  public readonly layouts: (LayoutCommand & { localAt: number })[] = [];
  public readonly late: LateTopics[] = [];
  public pending: readonly PendingAck[] = [];
  public updateCount = 0;
  /** Latest value per topic (snapshot, then updates). */
  public readonly values = new Map<string, unknown>();
  /** Keep every update (off for throughput tests). */
  public keepUpdates = true;
  public readonly updates: TopicUpdate[] = [];

  public onSnapshot(s: Snapshot): void {
    this.snapshots.push(s);
    this.values.clear();
    for (const v of s.values) this.values.set(v.topic, v.value);
    this.emit('snapshot', s);
  }
  public onUpdates(updates: TopicUpdate[]): void {
    this.updateCount += updates.length;
    for (const u of updates) this.values.set(u.topic, u.value);
    if (this.keepUpdates) this.updates.push(...updates);
    this.emit('updates', updates);
  }
  public onAlert(e: { kind: AlertEventKind; alert: Alert }): void {
    this.alerts.push(e);
    this.emit('alert', e);
  }
  public onLayoutCommand(c: LayoutCommand & { localAt: number }): void {
    this.layouts.push(c);
    this.emit('layout', c);
  }
  public onConnectionState(s: ConnectionStateEvent): void {
    this.states.push(s);
    this.emit('state', s);
  }
  public onLateTopics(l: LateTopics): void {
    this.late.push(l);
    this.emit('late', l);
  }
  public onPendingAcks(p: readonly PendingAck[]): void {
    this.pending = p;
    this.emit('acks', p);
  }
}
