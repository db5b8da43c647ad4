/**
 * The acknowledgement queue: an operator's ack is written to storage first (so it survives a
 * reload, a crash or a hub outage), then sent with a socket.io acknowledgement and retried with
 * backoff until the hub confirms that it committed it. Only that confirmation (or a refusal the
 * hub marks permanent) removes it. The hub keeps one record per alert, so a retry after a lost
 * confirmation is harmless: exactly one record, whatever the number of attempts.
 */
import type { AckResult } from '../../core/protocol/alerts.js';
import { checkAckRequest, checkAckResult } from '../../core/protocol/protocol-validate.js';
import { backoffDelay } from './backoff.js';
import type { EventBus } from './bus.js';
import type { AckConfig } from './config.js';
import type { PendingAck, WallClientEvents } from './events.js';
import type { HubLink } from './hub-link.js';
import { uuidV4 } from './uuid.js';

/** The part of the Web Storage API the queue uses: `localStorage` in the page, a Map or a file in tests. */
export interface AckStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** A storage in memory (tests; pages without localStorage). */
export function memoryStorage(map = new Map<string, string>()): AckStorage & { map: Map<string, string> } {
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

const MAX_PENDING = 1000;

export class AckQueue {
  private items: PendingAck[] = [];
  private readonly inFlight = new Set<string>();
  private readonly nextAttemptAt = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private disposeState: (() => void) | null = null;

  public constructor(
    private readonly link: HubLink,
    private readonly bus: EventBus<WallClientEvents>,
    private readonly storage: AckStorage,
    /** Storage key of this window's queue. */
    private readonly key: string,
    private readonly config: AckConfig,
    private readonly now: () => number,
    private readonly hubNow: () => number,
    private readonly random: () => number,
  ) {}

  public init(): void {
    this.items = this.load();
    this.disposeState = this.bus.on('state', (s) => {
      if (s.state !== 'connected') return;
      this.nextAttemptAt.clear(); // a new link: try everything at once
      this.pump();
    });
    this.pump();
  }

  /**
   * Queues an acknowledgement and sends it as soon as the hub is reachable. Acknowledging an alert
   * that already has a pending ack returns that one.
   */
  public acknowledge(alertId: string, operator: string, screen: string): PendingAck {
    const existing = this.items.find((a) => a.alertId === alertId);
    if (existing) return existing;
    const checked = checkAckRequest({ ackId: uuidV4(), alertId, operator, screen, at: Math.round(this.hubNow()) });
    if (!checked.ok) throw new Error(`invalid acknowledgement: ${checked.errors.join('; ')}`);
    if (this.items.length >= MAX_PENDING) throw new Error(`${MAX_PENDING} acknowledgements are waiting already`);
    const ack: PendingAck = { ...checked.value, attempts: 0, createdAt: this.now() };
    this.items.push(ack);
    this.changed();
    this.pump();
    return ack;
  }

  public pending(): readonly PendingAck[] {
    return this.items;
  }

  public destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.disposeState?.();
    this.disposeState = null;
    this.inFlight.clear();
  }

  /** Sends every due ack that is not in flight; schedules the next retry. */
  private pump(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.link.connected) return;
    const now = this.now();
    let nextDue = Infinity;
    for (const ack of this.items) {
      if (this.inFlight.has(ack.ackId)) continue;
      const due = this.nextAttemptAt.get(ack.ackId) ?? 0;
      if (due > now) {
        nextDue = Math.min(nextDue, due);
        continue;
      }
      this.attempt(ack);
    }
    if (nextDue < Infinity) this.timer = setTimeout(() => this.pump(), nextDue - now);
  }

  private attempt(ack: PendingAck): void {
    this.inFlight.add(ack.ackId);
    ack.attempts += 1;
    const { ackId, alertId, operator, screen, at } = ack;
    this.link.request('ack', { ackId, alertId, operator, screen, at }, this.config.timeoutMs).then(
      (raw) => this.onReply(ack, raw),
      (err: unknown) => this.retryLater(ack, err instanceof Error ? err.message : String(err)),
    );
  }

  private onReply(ack: PendingAck, raw: unknown): void {
    this.inFlight.delete(ack.ackId);
    const r = checkAckResult(raw);
    if (!r.ok) return this.retryLater(ack, `invalid reply: ${r.errors.join('; ')}`);
    const result: AckResult = r.value;
    if (result.ok) {
      this.remove(ack);
      this.bus.emit('ackConfirmed', { ack, result });
    } else if (result.permanent) {
      this.remove(ack);
      this.bus.emit('ackRejected', { ack, result });
    } else {
      this.retryLater(ack, `${result.reason}${result.detail ? `: ${result.detail}` : ''}`);
    }
  }

  private retryLater(ack: PendingAck, error: string): void {
    this.inFlight.delete(ack.ackId);
    if (!this.items.includes(ack)) return;
    ack.lastError = error.slice(0, 300);
    const c = this.config;
    this.nextAttemptAt.set(ack.ackId, this.now() + backoffDelay(ack.attempts - 1, { baseMs: c.retryBaseMs, maxMs: c.retryMaxMs, jitter: 0.3 }, this.random));
    this.changed();
    this.pump();
  }

  private remove(ack: PendingAck): void {
    this.items = this.items.filter((a) => a !== ack);
    this.nextAttemptAt.delete(ack.ackId);
    this.changed();
  }

  private changed(): void {
    try {
      this.storage.setItem(this.key, JSON.stringify(this.items));
    } catch (error) {
      this.bus.emit('error', { source: 'ack storage', error });
    }
    this.bus.emit('acks', [...this.items]);
  }

  /** The stored queue; entries that don't check out are dropped (with an error event). */
  private load(): PendingAck[] {
    let raw: unknown;
    try {
      const text = this.storage.getItem(this.key);
      raw = text === null ? [] : JSON.parse(text);
    } catch (error) {
      this.bus.emit('error', { source: 'ack storage', error });
      return [];
    }
    if (!Array.isArray(raw)) return [];
    const out: PendingAck[] = [];
    for (const item of raw.slice(0, MAX_PENDING) as Partial<PendingAck>[]) {
      const { attempts, createdAt, lastError: _e, ...req } = item ?? {};
      const checked = checkAckRequest(req);
      if (!checked.ok || typeof createdAt !== 'number') {
        this.bus.emit('error', { source: 'ack storage', error: new Error('dropped an unreadable stored acknowledgement') });
        continue;
      }
      out.push({ ...checked.value, attempts: typeof attempts === 'number' ? attempts : 0, createdAt });
    }
    return out;
  }
}
