/**
 * The hub link's socket.io sockets, hosted off the page's render path (in a dedicated worker:
 * socket-worker.ts). Why: Engine.IO answers the hub's heartbeat from the thread its socket lives
 * on, and a page's main thread can be held for seconds by rendering on a starved machine (the
 * software GPU process makes it wait); with the socket on the main thread such a page missed the
 * hub's ping timeout and lost its link (docs/reliability.md, "Starvation"). In a worker the socket
 * answers pings whatever the page is doing; what the hub sends waits in the page's message queue.
 *
 * The host owns the real sockets; the page holds stand-ins (worker-socket.ts) and the two speak the
 * messages below. Pure (the socket factory is given), so Node tests pair both halves directly.
 */
import type { ManagerOptions, SocketOptions } from 'socket.io-client';

export type LinkSocketOptions = Partial<ManagerOptions & SocketOptions>;

/** Page → worker. `id` names one socket (one connection attempt of the page's controller). */
export type HostCommand =
  | { op: 'open'; id: number; url: string; options: LinkSocketOptions }
  | { op: 'connect'; id: number }
  | { op: 'close'; id: number }
  /** With `reply`: a socket.io acknowledgement within `timeoutMs`, answered by a `reply` event. */
  | { op: 'emit'; id: number; event: string; payload: unknown; reply?: { seq: number; timeoutMs: number } };

/** Worker → page. */
export type HostEvent =
  | { op: 'connect'; id: number }
  | { op: 'connect_error'; id: number; message: string; data?: unknown }
  | { op: 'disconnect'; id: number; reason: string }
  /** An event the hub sent. */
  | { op: 'event'; id: number; event: string; payload: unknown }
  | { op: 'reply'; id: number; seq: number; error?: string; result?: unknown };

/** What the host needs of a socket.io-client socket. */
export interface HostedSocket {
  on(event: 'connect', fn: () => void): unknown;
  on(event: 'connect_error', fn: (err: Error & { data?: unknown }) => void): unknown;
  on(event: 'disconnect', fn: (reason: string) => void): unknown;
  onAny(fn: (event: string, ...args: unknown[]) => void): unknown;
  connect(): unknown;
  disconnect(): unknown;
  removeAllListeners(): unknown;
  emit(event: string, ...args: unknown[]): unknown;
  timeout(ms: number): { emit(event: string, payload: unknown, reply: (err: Error | null, result: unknown) => void): unknown };
}

export class SocketHost {
  private readonly sockets = new Map<number, HostedSocket>();

  public constructor(
    private readonly post: (event: HostEvent) => void,
    private readonly open: (url: string, options: LinkSocketOptions) => HostedSocket,
  ) {}

  public handle(command: HostCommand): void {
    switch (command.op) {
      case 'open':
        return this.openSocket(command.id, command.url, command.options);
      case 'connect':
        this.sockets.get(command.id)?.connect();
        return;
      case 'close':
        return this.close(command.id);
      case 'emit':
        return this.emit(command);
    }
  }

  /** Sockets open now (the page's controller keeps at most one). */
  public get size(): number {
    return this.sockets.size;
  }

  private openSocket(id: number, url: string, options: LinkSocketOptions): void {
    this.close(id);
    const socket = this.open(url, { ...options, autoConnect: false });
    this.sockets.set(id, socket);
    socket.on('connect', () => this.post({ op: 'connect', id }));
    socket.on('connect_error', (err) => this.post({ op: 'connect_error', id, message: err.message, ...(err.data !== undefined ? { data: plain(err.data) } : {}) }));
    socket.on('disconnect', (reason) => this.post({ op: 'disconnect', id, reason }));
    // Every hub event goes to the page (at most one argument in the wall protocol).
    socket.onAny((event, payload) => this.post({ op: 'event', id, event, payload }));
  }

  private close(id: number): void {
    const socket = this.sockets.get(id);
    if (!socket) return;
    this.sockets.delete(id);
    socket.removeAllListeners();
    socket.disconnect();
  }

  private emit(command: Extract<HostCommand, { op: 'emit' }>): void {
    const socket = this.sockets.get(command.id);
    const reply = command.reply;
    if (!socket) {
      if (reply) this.post({ op: 'reply', id: command.id, seq: reply.seq, error: 'not connected' });
      return;
    }
    if (!reply) {
      socket.emit(command.event, command.payload);
      return;
    }
    socket.timeout(reply.timeoutMs).emit(command.event, command.payload, (err, result) =>
      this.post(err ? { op: 'reply', id: command.id, seq: reply.seq, error: err.message } : { op: 'reply', id: command.id, seq: reply.seq, result }),
    );
  }
}

/** A refusal's `data` as plain data (structured clone refuses functions and class instances). */
function plain(data: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(data)) as unknown;
  } catch {
    return undefined;
  }
}
