/**
 * What controllers see of the connection: send, request with a reply, and subscribe to hub
 * events. Payloads from the hub arrive unchecked (`unknown`): each controller checks what it
 * reads. The connection controller implements it over socket.io; tests use a fake.
 */
import type { ClientToServerEvents, ServerToClientEvents } from '../../core/protocol/protocol.js';

/** Events the wall sends that expect a reply (a socket.io acknowledgement). */
export type RequestEvent = 'ack' | 'clock:ping';
/** Events the wall sends without a reply. */
export type SendEvent = Exclude<keyof ClientToServerEvents, RequestEvent>;

export interface HubLink {
  readonly connected: boolean;
  /** Sends and waits for the reply; rejects when not connected or after `timeoutMs`. */
  request<K extends RequestEvent>(event: K, payload: Parameters<ClientToServerEvents[K]>[0], timeoutMs: number): Promise<unknown>;
  /** Sends if connected; returns whether it was sent. */
  send<K extends SendEvent>(event: K, payload: Parameters<ClientToServerEvents[K]>[0]): boolean;
  /** Subscribes to a hub event for the lifetime of the link (across reconnects); returns a disposer. */
  on<K extends keyof ServerToClientEvents>(event: K, listener: (payload: unknown) => void): () => void;
}
