/**
 * A health read from the nats-server that /healthz and /metrics wait for at most a moment: one at a
 * time, and past `ms` the caller goes on with the last known values while the read finishes in the
 * background. A nats-server that is away (a request waits for its timeout) never holds up /healthz.
 */
export class BoundedRefresh {
  private running: Promise<void> | null = null;

  /** `read` keeps what it learns itself and never rejects. */
  public constructor(
    private readonly read: () => Promise<void>,
    private readonly ms = 300,
  ) {}

  public async run(): Promise<void> {
    this.running ??= this.read().finally(() => {
      this.running = null;
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([this.running, new Promise<void>((resolve) => (timer = setTimeout(resolve, this.ms)))]);
    clearTimeout(timer);
  }
}
