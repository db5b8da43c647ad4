/**
 * Writes the hub keeps for its next start (windows seen, the last switch's record, the automation's
 * state) while it goes on serving from memory: each is started in the order asked, one after the
 * other (so a later state never lands under an earlier one), and a failed one is logged, never
 * thrown: the store being down must not stop the walls (docs/scaling.md "Store backends").
 * With SQLite the write is done before `run` returns when nothing is queued, as before the store
 * was asynchronous.
 */
export class WriteBehind {
  private tail: Promise<void> | null = null;

  public constructor(private readonly log: (message: string) => void) {}

  /** Queues `write`; `what` names it in the log line of a failure. */
  public run(what: string, write: () => Promise<void> | void): void {
    const start = async (): Promise<void> => {
      try {
        await write();
      } catch (e) {
        this.log(`${what}: ${(e as Error).message}`);
      }
    };
    const mine = this.tail ? this.tail.then(start) : start();
    this.tail = mine;
    void mine.then(() => {
      if (this.tail === mine) this.tail = null;
    });
  }

  /** Resolves once every queued write has ended (the hub's stop waits for it). */
  public async settled(): Promise<void> {
    while (this.tail) await this.tail;
  }
}
