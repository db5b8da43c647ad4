/**
 * A socket.io client stand-in for the wall's ConnectionController (its `factory` option): records
 * each attempt's URL and auth, and lets the test answer the handshake (accept, refuse with a
 * connect_error, drop), push hub events, and reply to requests. What the controller uses of a
 * socket, as socket.io-client 4 does it: a disconnect fails the requests still waiting for a reply
 * ("socket has been disconnected").
 */
import type { SocketFactory, WallSocket } from '../../src/renderer/net/connection.js';

type Listener = (...args: any[]) => void;

export interface FakeRequest {
  event: string;
  payload: unknown;
  reply(result: unknown): void;
}

export class FakeWallSocket {
  public connected = false;
  public closed = false;
  public readonly emitted: { event: string; payload: unknown }[] = [];
  public readonly requests: FakeRequest[] = [];
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly waiting = new Set<(err: Error | null, result?: unknown) => void>();

  public constructor(
    public readonly url: string,
    public readonly options: Record<string, any>,
    private readonly onConnect: (s: FakeWallSocket) => void,
  ) {}

  public on(event: string, fn: Listener): this {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(fn);
    return this;
  }

  public removeAllListeners(): this {
    this.listeners.clear();
    return this;
  }

  public connect(): this {
    this.onConnect(this);
    return this;
  }

  public disconnect(): this {
    this.closed = true;
    this.connected = false;
    for (const cb of [...this.waiting]) cb(new Error('socket has been disconnected'));
    this.waiting.clear();
    return this;
  }

  public emit(event: string, payload: unknown): this {
    this.emitted.push({ event, payload });
    return this;
  }

  public timeout(_ms: number): { emit(event: string, payload: unknown, cb: (err: Error | null, result?: unknown) => void): void } {
    return {
      emit: (event, payload, cb) => {
        this.waiting.add(cb);
        this.requests.push({
          event,
          payload,
          reply: (result) => {
            if (!this.waiting.delete(cb)) return;
            cb(null, result);
          },
        });
      },
    };
  }

  // What the hub does:
  public accept(): void {
    this.connected = true;
    this.fire('connect');
  }

  public refuse(code: string, data: Record<string, unknown> = {}): void {
    this.fire('connect_error', Object.assign(new Error(code), { data: { code, protocol: 1, ...data } }));
  }

  /** The link dies (hub killed: "transport close"; no pings: "ping timeout"). */
  public drop(reason = 'transport close'): void {
    this.connected = false;
    for (const cb of [...this.waiting]) cb(new Error('socket has been disconnected'));
    this.waiting.clear();
    this.fire('disconnect', reason);
  }

  public push(event: string, payload: unknown): void {
    this.fire(event, payload);
  }

  private fire(event: string, ...args: unknown[]): void {
    for (const fn of [...(this.listeners.get(event) ?? [])]) fn(...args);
  }
}

/** A factory whose sockets the test answers; `answer` runs at each attempt's connect(). */
export function fakeSocketFactory(answer: (s: FakeWallSocket) => void = () => undefined): { factory: SocketFactory; sockets: FakeWallSocket[] } {
  const sockets: FakeWallSocket[] = [];
  const factory: SocketFactory = (url, options) => {
    const s = new FakeWallSocket(url, options as Record<string, any>, answer);
    sockets.push(s);
    return s as unknown as WallSocket;
  };
  return { factory, sockets };
}
