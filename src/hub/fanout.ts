/**
 * Topic updates to walls in batches: updates published within `batchMs` go out together, one
 * `updates` event per wall with that connection's next sequence number. A wall whose socket is
 * congested (more than `maxBufferedPackets` waiting) skips a batch but its seq still advances, so
 * the wall sees the gap and asks for a snapshot: memory on the hub stays bounded, and the wall
 * catches up with the latest values rather than a backlog.
 */
import type { Namespace, Socket } from 'socket.io';
import { LIMITS } from '../core/protocol/limits.js';
import type { ClientToServerEvents, ServerToClientEvents, TopicUpdate } from '../core/protocol/protocol.js';
import type { Metrics } from './metrics.js';
import type { WallSocketData } from './walls.js';

export type WallNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, Record<string, never>, WallSocketData>;
export type WallSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, WallSocketData>;

export interface FanoutOptions {
  /** How long updates gather before a batch goes out (default 50 ms). */
  batchMs: number;
  /** A wall with more Engine.IO packets than this waiting to be written skips batches (default 256). */
  maxBufferedPackets: number;
}

export class UpdateFanout {
  /** Index (in hub order, from 1) of the last update ever queued. */
  private lastIndex = 0;
  private pending: TopicUpdate[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  public constructor(
    private readonly ns: WallNamespace,
    private readonly metrics: Metrics,
    private readonly options: FanoutOptions,
  ) {}

  /** Queues updates for every wall; they leave within batchMs. */
  public push(updates: readonly TopicUpdate[]): void {
    for (const u of updates) this.pending.push(u);
    this.lastIndex += updates.length;
    this.timer ??= setTimeout(() => this.flush(), this.options.batchMs);
  }

  /**
   * Marks a snapshot as sent to `socket` now: it holds every update queued so far, so the next
   * batches skip those. Returns the seq the snapshot carries.
   */
  public onSnapshot(socket: WallSocket): number {
    socket.data.snapshotIndex = this.lastIndex;
    return socket.data.seq;
  }

  /** Sends what is pending now. */
  public flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    const firstIndex = this.lastIndex - batch.length + 1;
    for (const socket of this.ns.sockets.values()) {
      const skip = Math.max(0, socket.data.snapshotIndex - firstIndex + 1);
      if (skip >= batch.length) continue;
      const updates = skip > 0 ? batch.slice(skip) : batch;
      if (this.congested(socket)) {
        socket.data.seq += 1; // the wall sees the gap and resyncs
        this.metrics.batchesDropped.inc();
        continue;
      }
      for (let i = 0; i < updates.length; i += LIMITS.wireBatch) {
        socket.data.seq += 1;
        socket.emit('updates', { seq: socket.data.seq, updates: updates.slice(i, i + LIMITS.wireBatch) });
      }
    }
  }

  /** Drops the pending batch and its timer; safe to call twice. */
  public destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = [];
  }

  private congested(socket: WallSocket): boolean {
    const buffer = (socket.conn as unknown as { writeBuffer?: unknown[] }).writeBuffer;
    return Array.isArray(buffer) && buffer.length > this.options.maxBufferedPackets;
  }
}
