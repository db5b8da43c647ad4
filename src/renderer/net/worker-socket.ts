/**
 * The page's half of a hub link whose sockets live in a worker (socket-host.ts says why): a socket
 * factory for the connection controller whose sockets are stand-ins speaking to the worker. The
 * controller cannot tell them from socket.io-client's: the same events (connect, connect_error,
 * disconnect, the hub's events), `emit`, `timeout(ms).emit(…, reply)` and `connected`.
 *
 * If the worker cannot run (its script failed to load, or it crashed), the factory says so on the
 * socket of the moment (a `connect_error`, so the controller retries as after any failure) and makes
 * every later socket on the page's own thread: the wall keeps its link, only without the shelter.
 */
import type { SocketFactory, WallSocket } from './connection.js';
import type { HostCommand, HostEvent, LinkSocketOptions } from './socket-host.js';

/** The page's end of the worker: post a command, hear its events and its failure. */
export interface HostPort {
  post(command: HostCommand): void;
  onEvent(listener: (event: HostEvent) => void): void;
  onFailure(listener: (reason: string) => void): void;
  /** Ends the worker. */
  close(): void;
}

type Listener = (...args: unknown[]) => void;
type Reply = (err: Error | null, result: unknown) => void;

/** Where the hub link's socket runs: a worker, or the page's main thread (no worker, or it failed). */
export type LinkThread = 'worker' | 'page';

export class WorkerSocketFactory {
  private readonly live = new Map<number, RemoteSocket>();
  private nextId = 1;
  private failure: string | null = null;

  public constructor(
    private readonly port: HostPort,
    private readonly fallback: SocketFactory,
  ) {
    port.onEvent((e) => this.live.get(e.id)?.receive(e));
    port.onFailure((reason) => this.fail(reason));
  }

  public get thread(): LinkThread {
    return this.failure === null ? 'worker' : 'page';
  }

  /** Why the worker is not used (null while it is). */
  public get failed(): string | null {
    return this.failure;
  }

  public readonly factory: SocketFactory = (url, options) => {
    if (this.failure !== null) return this.fallback(url, options);
    const id = this.nextId++;
    const socket = new RemoteSocket(id, (c) => this.port.post(c), () => this.live.delete(id));
    this.live.set(id, socket);
    this.port.post({ op: 'open', id, url, options: cloneable(options) });
    return socket as unknown as WallSocket;
  };

  /** Ends the worker and its sockets (the page's link is being torn down). */
  public destroy(): void {
    for (const socket of [...this.live.values()]) socket.disconnect();
    this.port.close();
  }

  private fail(reason: string): void {
    if (this.failure !== null) return;
    this.failure = reason;
    for (const socket of [...this.live.values()]) socket.receive({ op: 'connect_error', id: 0, message: `the hub link's worker failed (${reason})` });
    this.live.clear();
  }
}

/** One socket's stand-in on the page. */
class RemoteSocket {
  public connected = false;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly replies = new Map<number, Reply>();
  private nextSeq = 1;
  private closed = false;

  public constructor(
    private readonly id: number,
    private readonly post: (command: HostCommand) => void,
    private readonly forget: () => void,
  ) {}

  public on(event: string, listener: Listener): this {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return this;
  }

  public removeAllListeners(): this {
    this.listeners.clear();
    return this;
  }

  public connect(): this {
    if (!this.closed) this.post({ op: 'connect', id: this.id });
    return this;
  }

  public disconnect(): this {
    if (this.closed) return this;
    this.closed = true;
    this.post({ op: 'close', id: this.id });
    this.forget();
    this.lost('socket has been disconnected');
    return this;
  }

  public emit(event: string, payload: unknown): this {
    if (!this.closed) this.post({ op: 'emit', id: this.id, event, payload });
    return this;
  }

  public timeout(timeoutMs: number): { emit(event: string, payload: unknown, reply: Reply): void } {
    return {
      emit: (event, payload, reply) => {
        if (this.closed) return reply(new Error('socket has been disconnected'), undefined);
        const seq = this.nextSeq++;
        this.replies.set(seq, reply);
        this.post({ op: 'emit', id: this.id, event, payload, reply: { seq, timeoutMs } });
      },
    };
  }

  public receive(e: HostEvent): void {
    switch (e.op) {
      case 'connect':
        this.connected = true;
        return this.fire('connect');
      case 'connect_error':
        this.connected = false;
        return this.fire('connect_error', Object.assign(new Error(e.message), e.data !== undefined ? { data: e.data } : {}));
      case 'disconnect':
        this.lost('socket has been disconnected');
        return this.fire('disconnect', e.reason);
      case 'event':
        return this.fire(e.event, e.payload);
      case 'reply': {
        const reply = this.replies.get(e.seq);
        this.replies.delete(e.seq);
        reply?.(e.error !== undefined ? new Error(e.error) : null, e.result);
      }
    }
  }

  /** As socket.io-client does on a disconnect: replies still awaited fail now. */
  private lost(reason: string): void {
    this.connected = false;
    const waiting = [...this.replies.values()];
    this.replies.clear();
    for (const reply of waiting) reply(new Error(reason), undefined);
  }

  private fire(event: string, ...args: unknown[]): void {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(...args);
  }
}

/** The socket options as plain data (the handshake's auth is plain JSON already). */
function cloneable(options: Parameters<SocketFactory>[1]): LinkSocketOptions {
  return JSON.parse(JSON.stringify(options)) as LinkSocketOptions;
}
