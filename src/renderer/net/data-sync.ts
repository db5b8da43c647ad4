/**
 * The data controller: snapshots, topic update batches, alerts, late topics, forecasts and layout commands
 * from the hub, each checked, then handed on through the bus. It tracks the connection's batch
 * sequence: a batch whose seq is not the last + 1 means batches were lost (the hub skips batches
 * for a congested wall), so it asks for a snapshot, and asks again if none comes in time.
 */
import type { ALERT_EVENTS } from '../../core/protocol/alerts.js';
import {
  checkAlert,
  checkForecastEvent,
  checkLateTopics,
  checkLayoutCommand,
  checkSnapshot,
  checkUpdateBatch,
  type Checked,
} from '../../core/protocol/protocol-validate.js';
import type { EventBus } from './bus.js';
import type { AlertEventKind, WallClientEvents } from './events.js';
import type { HubLink } from './hub-link.js';

const ALERT_KINDS: Record<(typeof ALERT_EVENTS)[number], AlertEventKind> = {
  'alert:raised': 'raised',
  'alert:updated': 'updated',
  'alert:acknowledged': 'acknowledged',
  'alert:cleared': 'cleared',
};

export class DataSync {
  /** Seq of the last batch applied, or null before the first snapshot of this connection. */
  private lastSeq: number | null = null;
  private resyncTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly disposers: (() => void)[] = [];

  public constructor(
    private readonly link: HubLink,
    private readonly bus: EventBus<WallClientEvents>,
    private readonly resyncTimeoutMs: number,
    private readonly toLocal: (hubTime: number) => number,
  ) {}

  public init(): void {
    const d = this.disposers;
    d.push(this.bus.on('state', (s) => {
      if (s.state !== 'connected') {
        this.lastSeq = null;
        this.clearResync();
      }
    }));
    d.push(this.link.on('snapshot', (raw) => this.onSnapshot(raw)));
    d.push(this.link.on('updates', (raw) => this.onUpdates(raw)));
    for (const [event, kind] of Object.entries(ALERT_KINDS)) {
      d.push(this.link.on(event as keyof typeof ALERT_KINDS, (raw) => {
        const r = this.checked(event, checkAlert(raw));
        if (r) this.bus.emit('alert', { kind, alert: r });
      }));
    }
    d.push(this.link.on('topics:late', (raw) => {
      const r = this.checked('topics:late', checkLateTopics(raw));
      if (r) this.bus.emit('late', r);
    }));
    d.push(this.link.on('forecast', (raw) => {
      const r = this.checked('forecast', checkForecastEvent(raw));
      if (r) this.bus.emit('forecast', r);
    }));
    d.push(this.link.on('layout:switch', (raw) => {
      const r = this.checked('layout:switch', checkLayoutCommand(raw));
      if (r) this.bus.emit('layout', { ...r, localAt: this.toLocal(r.at) });
    }));
  }

  /** Seq of the last applied batch (null: waiting for a snapshot). */
  public get seq(): number | null {
    return this.lastSeq;
  }

  /** Asks the hub for a snapshot now. */
  public requestSnapshot(reason: 'gap' | 'manual'): void {
    this.clearResync();
    if (!this.link.send('snapshot:request', { reason, lastSeq: this.lastSeq ?? 0 })) return;
    this.resyncTimer = setTimeout(() => {
      this.resyncTimer = null;
      this.requestSnapshot(reason);
    }, this.resyncTimeoutMs);
  }

  public destroy(): void {
    this.clearResync();
    for (const d of this.disposers.splice(0)) d();
  }

  private onSnapshot(raw: unknown): void {
    const s = this.checked('snapshot', checkSnapshot(raw));
    if (!s) return;
    this.clearResync();
    this.lastSeq = s.seq;
    this.bus.emit('snapshot', s);
  }

  private onUpdates(raw: unknown): void {
    const r = checkUpdateBatch(raw);
    if (!r.ok) {
      this.bus.emit('error', { source: 'updates', error: new Error(`invalid updates from the hub: ${r.errors.join('; ')}`) });
      if (this.lastSeq !== null && !this.resyncTimer) this.requestSnapshot('gap'); // its values are lost
      return;
    }
    const batch = r.value;
    if (this.lastSeq === null) return; // before the snapshot: it holds these values already
    if (batch.seq <= this.lastSeq) return; // already covered by a later snapshot
    if (batch.seq !== this.lastSeq + 1) {
      this.bus.emit('resync', { expected: this.lastSeq + 1, got: batch.seq });
      if (!this.resyncTimer) this.requestSnapshot('gap');
    }
    this.lastSeq = batch.seq;
    if (batch.updates.length) this.bus.emit('updates', batch.updates);
  }

  private checked<T>(event: string, r: Checked<T>): T | null {
    if (r.ok) return r.value;
    this.bus.emit('error', { source: event, error: new Error(`invalid ${event} from the hub: ${r.errors.join('; ')}`) });
    return null;
  }

  private clearResync(): void {
    if (this.resyncTimer) clearTimeout(this.resyncTimer);
    this.resyncTimer = null;
  }
}
