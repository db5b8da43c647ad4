/**
 * Whether the other side of the leaf link answers: a JetStream API INFO request to its domain
 * (`$JS.<domain>.API.INFO`), which crosses the leaf link only while it is up. Polled; `since` is when
 * the state last changed (the hub's clock).
 */
import type { NatsConnection } from 'nats';
import type { LinkState } from '../../core/protocol/federation-health.js';
import { domainApi } from './names.js';

export class LinkProbe {
  private state: LinkState;
  private timer: ReturnType<typeof setInterval> | null = null;
  private probing = false;

  public constructor(
    private readonly nc: NatsConnection,
    private readonly domain: string,
    private readonly now: () => number,
    private readonly onChange: (up: boolean) => void = () => undefined,
  ) {
    this.state = { up: false, since: now() };
  }

  public start(everyMs: number): void {
    void this.probe();
    this.timer = setInterval(() => void this.probe(), everyMs);
    this.timer.unref();
  }

  public get current(): LinkState {
    return this.state;
  }

  public async probe(): Promise<boolean> {
    if (this.probing || this.nc.isClosed()) return this.state.up;
    this.probing = true;
    let up: boolean;
    try {
      await this.nc.request(`${domainApi(this.domain)}.INFO`, new Uint8Array(), { timeout: 1000 });
      up = true;
    } catch {
      up = false;
    } finally {
      this.probing = false;
    }
    if (up !== this.state.up) {
      this.state = { up, since: this.now() };
      this.onChange(up);
    }
    return up;
  }

  public stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
