/** A HubLink stand-in for controller unit tests: records what is sent, lets the test reply and emit. */
import type { ServerToClientEvents } from '../../src/core/protocol/protocol.js';
import type { HubLink, RequestEvent, SendEvent } from '../../src/renderer/net/hub-link.js';

export interface FakeRequest {
  event: RequestEvent;
  payload: unknown;
  resolve(reply: unknown): void;
  reject(err: Error): void;
}

export class FakeHubLink implements HubLink {
  public connected = false;
  public readonly sent: { event: SendEvent; payload: unknown }[] = [];
  public readonly requests: FakeRequest[] = [];
  /** Answers requests at once when set (else they wait for the test). */
  public autoReply: ((event: RequestEvent, payload: unknown) => unknown) | null = null;
  private readonly handlers = new Map<string, Set<(p: unknown) => void>>();

  public request(event: RequestEvent, payload: unknown): Promise<unknown> {
    if (!this.connected) return Promise.reject(new Error('not connected'));
    return new Promise((resolve, reject) => {
      if (this.autoReply) {
        try {
          resolve(this.autoReply(event, payload));
        } catch (e) {
          reject(e as Error);
        }
        return;
      }
      this.requests.push({ event, payload, resolve, reject });
    });
  }

  public send(event: SendEvent, payload: unknown): boolean {
    if (!this.connected) return false;
    this.sent.push({ event, payload });
    return true;
  }

  public on(event: keyof ServerToClientEvents, listener: (p: unknown) => void): () => void {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Delivers a hub event to the subscribers. */
  public emit(event: keyof ServerToClientEvents, payload: unknown): void {
    for (const fn of [...(this.handlers.get(event) ?? [])]) fn(payload);
  }

  public listenerCount(): number {
    let n = 0;
    for (const s of this.handlers.values()) n += s.size;
    return n;
  }
}
