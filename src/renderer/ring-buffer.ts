/** A fixed-capacity FIFO: pushing past capacity drops the oldest, so history memory is bounded. */
export class RingBuffer<T> {
  private readonly items: (T | undefined)[];
  private start = 0;
  private count = 0;

  public constructor(public readonly capacity: number) {
    if (!(capacity > 0)) throw new Error('RingBuffer: capacity must be positive');
    this.items = new Array<T | undefined>(capacity);
  }

  public get length(): number {
    return this.count;
  }

  public push(item: T): void {
    const end = (this.start + this.count) % this.capacity;
    this.items[end] = item;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
  }

  /** Oldest first. */
  public toArray(): T[] {
    const out: T[] = new Array<T>(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.items[(this.start + i) % this.capacity] as T;
    return out;
  }

  public last(): T | undefined {
    return this.count === 0 ? undefined : this.items[(this.start + this.count - 1) % this.capacity];
  }
}
