/**
 * A typed event bus, one per wall client: `on()` returns a disposer, and `emit()` turns a throwing
 * listener into an `error` event (as Hls.trigger does), so one bad listener cannot stop the others.
 */

/** Payload of the `error` event every bus carries. */
export interface BusError {
  /** The event whose listener threw, or the controller that failed. */
  source: string;
  error: unknown;
}

export type Listener<T> = (payload: T) => void;

export class EventBus<E extends { error: BusError }> {
  private readonly listeners = new Map<keyof E, Set<Listener<never>>>();

  /** Adds a listener; the returned function removes it. */
  public on<K extends keyof E>(event: K, listener: Listener<E[K]>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<never>);
    return () => {
      set.delete(listener as Listener<never>);
      if (set.size === 0 && this.listeners.get(event) === set) this.listeners.delete(event);
    };
  }

  public emit<K extends keyof E>(event: K, payload: E[K]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        (listener as Listener<E[K]>)(payload);
      } catch (error) {
        if (event === 'error') continue; // a throwing error listener must not loop
        this.emit('error', { source: String(event), error } as E['error']);
      }
    }
  }

  /** Listeners of one event, or of all events. */
  public listenerCount(event?: keyof E): number {
    if (event !== undefined) return this.listeners.get(event)?.size ?? 0;
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  public clear(): void {
    this.listeners.clear();
  }
}
