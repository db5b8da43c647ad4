/**
 * The connection controller: one authenticated socket.io link to the hub's `/wall` namespace,
 * kept up for as long as the wall runs. socket.io's own reconnection is off: it gives up after a
 * server-side disconnect (a hub restart), and we want one policy for every failure: exponential
 * backoff with jitter, a slow retry when refused, and a fresh socket per attempt.
 *
 * A dead link is noticed by the Engine.IO heartbeat: no ping from the hub within pingInterval +
 * pingTimeout (9 s with the hub's settings) closes the socket with reason "ping timeout".
 *
 * A handshake the hub does not answer is a failure too: the hub closes the link without a
 * `connect_error` when the handshake is over its packet limit (socket.io's `maxHttpBufferSize`), so
 * a close before `connect`, or no answer within `connectTimeoutMs`, is reported as `reconnecting`
 * with a reason naming the cause, and retried like any other failure.
 *
 * Several hubs (an active/standby group, docs/scaling.md): `url` may list them; which one each
 * attempt goes to is hub-list.ts's. Once a hub has answered `not-leader`, a takeover is under way
 * and the retries stay within `standbyRetryMs` until the next connect.
 */
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  WALL_NAMESPACE,
  type ClientToServerEvents,
  type ConnectRefusal,
  type HandshakeAuth,
  type ServerToClientEvents,
  type WallFeature,
  type WallIdentity,
} from '../../core/protocol/protocol.js';
import { LIMITS } from '../../core/protocol/limits.js';
import { backoffDelay } from './backoff.js';
import { HubList } from './hub-list.js';
import type { EventBus } from './bus.js';
import type { WallClientConfig } from './config.js';
import type { ConnectionState, WallClientEvents } from './events.js';
import type { HubLink, RequestEvent, SendEvent } from './hub-link.js';

export type WallSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
/** Makes the socket for one attempt (default: socket.io-client's io()). */
export type SocketFactory = (url: string, options: Partial<ManagerOptions & SocketOptions>) => WallSocket;

const REFUSALS: readonly ConnectRefusal[] = ['unauthorized', 'forbidden', 'protocol-mismatch', 'bad-handshake'];

export interface ConnectionOptions {
  /**
   * The hub's base URL, e.g. http://10.0.0.5:7400 (the namespace is appended), or the URLs of the
   * hubs of an active/standby group, tried in this order.
   */
  url: string | readonly string[];
  token: string;
  identity: WallIdentity;
  /** Announced in the handshake (absent: none). */
  features?: WallFeature[];
  config: WallClientConfig;
  bus: EventBus<WallClientEvents>;
  now: () => number;
  random: () => number;
  factory?: SocketFactory;
}

export class ConnectionController implements HubLink {
  private socket: WallSocket | null = null;
  private state: ConnectionState = 'closed';
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** Runs from `socket.connect()` until the hub answers the handshake (connect or connect_error). */
  private handshakeTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly handlers = new Map<string, Set<(payload: unknown) => void>>();
  private destroyed = false;
  private readonly hubs: HubList;

  public constructor(private readonly o: ConnectionOptions) {
    this.hubs = new HubList(o.url);
  }

  /** The hub URL the current (or next) attempt goes to. */
  public get hubUrl(): string {
    return this.hubs.current;
  }

  public get connected(): boolean {
    return this.state === 'connected' && this.socket?.connected === true;
  }

  public get currentState(): ConnectionState {
    return this.state;
  }

  public init(): void {
    this.destroyed = false;
    this.open();
  }

  /** Drops the current link (if any) and connects again now, resetting the backoff. */
  public reconnectNow(): void {
    if (this.destroyed) return;
    this.attempt = 0;
    this.open();
  }

  public request<K extends RequestEvent>(event: K, payload: Parameters<ClientToServerEvents[K]>[0], timeoutMs: number): Promise<unknown> {
    const socket = this.socket;
    if (!socket || !this.connected) return Promise.reject(new Error('not connected'));
    const timed = socket.timeout(timeoutMs) as unknown as {
      emit(event: string, payload: unknown, reply: (err: Error | null, result: unknown) => void): void;
    };
    return new Promise((resolve, reject) => {
      timed.emit(event, payload, (err, result) => (err ? reject(err) : resolve(result)));
    });
  }

  public send<K extends SendEvent>(event: K, payload: Parameters<ClientToServerEvents[K]>[0]): boolean {
    if (!this.socket || !this.connected) return false;
    (this.socket.emit as (e: string, p: unknown) => void)(event, payload);
    return true;
  }

  public on<K extends keyof ServerToClientEvents>(event: K, listener: (payload: unknown) => void): () => void {
    let set = this.handlers.get(event);
    if (!set) {
      this.handlers.set(event, (set = new Set()));
      this.socket?.on(event as string as 'snapshot', (p: unknown) => this.dispatch(event, p));
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  public destroy(): void {
    this.destroyed = true;
    this.clearRetry();
    this.dropSocket();
    this.handlers.clear();
    this.setState('closed', {});
  }

  private open(): void {
    this.clearRetry();
    this.dropSocket();
    const auth: HandshakeAuth = {
      token: this.o.token,
      protocol: PROTOCOL_VERSION,
      identity: this.o.identity,
      ...(this.o.features?.length ? { features: this.o.features } : {}),
    };
    const factory = this.o.factory ?? ((url, opts) => io(url, opts) as WallSocket);
    const socket = factory(`${this.hubUrl}${WALL_NAMESPACE}`, {
      auth: auth as unknown as Record<string, unknown>,
      reconnection: false,
      forceNew: true,
      timeout: this.o.config.connectTimeoutMs,
      transports: this.o.config.transports,
      autoConnect: false,
    });
    this.socket = socket;
    for (const event of this.handlers.keys()) {
      socket.on(event as 'snapshot', (p: unknown) => this.dispatch(event, p));
    }
    const handshakeBytes = new TextEncoder().encode(JSON.stringify(auth)).length;
    socket.on('connect', () => {
      this.clearHandshakeTimer();
      this.attempt = 0;
      this.hubs.connected();
      this.setState('connected', {});
    });
    socket.on('connect_error', (err: Error & { data?: { code?: unknown; leader?: unknown } }) => {
      if (socket !== this.socket) return;
      const code = err.data?.code;
      if (code === 'not-leader') return this.notLeader(err.data?.leader);
      const refusal = REFUSALS.find((r) => r === code);
      if (refusal) this.scheduleRetry('refused', err.message, this.o.config.reconnect.refusedRetryMs, refusal);
      else this.scheduleRetry('reconnecting', err.message);
    });
    socket.on('disconnect', (reason) => {
      if (socket !== this.socket || reason === 'io client disconnect') return;
      this.scheduleRetry('reconnecting', this.state === 'connecting' ? handshakeFailure(reason, handshakeBytes) : reason);
    });
    this.setState('connecting', {});
    const waitMs = this.o.config.connectTimeoutMs;
    this.handshakeTimer = setTimeout(() => {
      this.handshakeTimer = null;
      if (socket === this.socket) this.scheduleRetry('reconnecting', handshakeFailure(`no answer within ${waitMs} ms`, handshakeBytes));
    }, waitMs);
    socket.connect();
  }

  /** A standby answered: straight to the leader it names when that is one of our hubs, else the next hub after the backoff. */
  private notLeader(leader: unknown): void {
    const move = this.hubs.notLeader(leader);
    if (!move.follow) return this.scheduleRetry('reconnecting', move.reason);
    // Not a failure: the backoff does not grow, and the attempt goes out at once.
    this.dropSocket();
    this.clearRetry();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.open();
    }, 0);
    this.setState('reconnecting', { retryInMs: 0, reason: move.reason });
  }

  /** A failed attempt (`reconnecting`) sends the next one to the next URL of the list; a refusal retries the same hub. */
  private scheduleRetry(state: 'reconnecting' | 'refused', reason: string, fixedMs?: number, refusal?: ConnectRefusal): void {
    if (this.destroyed) return;
    this.dropSocket();
    if (state === 'reconnecting') this.hubs.failed();
    const delay = fixedMs ?? this.backoff();
    this.attempt += 1;
    this.clearRetry();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.open();
    }, delay);
    this.setState(state, { retryInMs: delay, reason, ...(refusal ? { refusal } : {}) });
  }

  /** The next backoff step; short while a takeover is under way (a leader is about to answer). */
  private backoff(): number {
    const delay = backoffDelay(this.attempt, this.o.config.reconnect, this.o.random);
    return this.hubs.takeoverUnderWay ? Math.min(delay, this.o.config.reconnect.standbyRetryMs) : delay;
  }

  private dispatch(event: string, payload: unknown): void {
    for (const listener of [...(this.handlers.get(event) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        this.o.bus.emit('error', { source: `hub event ${event}`, error });
      }
    }
  }

  private dropSocket(): void {
    this.clearHandshakeTimer();
    const s = this.socket;
    if (!s) return;
    this.socket = null;
    s.removeAllListeners();
    s.disconnect();
  }

  private clearHandshakeTimer(): void {
    if (this.handshakeTimer) clearTimeout(this.handshakeTimer);
    this.handshakeTimer = null;
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private setState(state: ConnectionState, extra: { retryInMs?: number; reason?: string; refusal?: ConnectRefusal }): void {
    this.state = state;
    this.o.bus.emit('state', { state, attempt: this.attempt, at: this.o.now(), ...extra });
  }
}

/** Why a handshake got no answer, naming the packet limit when the handshake is over it. */
function handshakeFailure(reason: string, bytes: number): string {
  const over = bytes > LIMITS.packetBytes ? `; the handshake is ${bytes} bytes, over the hub's ${LIMITS.packetBytes}-byte packet limit` : '';
  return `the hub did not answer the handshake (${reason})${over}`;
}
