/**
 * The alerts the window last showed, kept in local storage (one key per window), so a page
 * reloaded while the hub is away still lists them, under the badge that says since when the link
 * is lost, instead of "no active alerts". The first snapshot replaces them (rule 2). Each stored
 * alert is checked as a hub payload would be; anything that does not check out is dropped.
 */
import { checkAlert } from '../../core/protocol/protocol-validate.js';
import type { Alert } from '../../core/protocol/alerts.js';
import type { AckStorage } from '../net/ack-queue.js';

const MAX = 1000;

export class AlertCache {
  private saved = '';

  public constructor(
    private readonly storage: AckStorage,
    private readonly key: string,
  ) {}

  public load(): Alert[] {
    try {
      const raw: unknown = JSON.parse(this.storage.getItem(this.key) ?? '[]');
      if (!Array.isArray(raw)) return [];
      const out: Alert[] = [];
      for (const item of raw.slice(0, MAX)) {
        const r = checkAlert(item);
        if (r.ok) out.push(r.value);
      }
      this.saved = signature(out);
      return out;
    } catch {
      return [];
    }
  }

  /** Stores `alerts` when they differ from what is stored. */
  public save(alerts: readonly Alert[]): void {
    const sig = signature(alerts);
    if (sig === this.saved) return;
    try {
      this.storage.setItem(this.key, JSON.stringify(alerts.slice(0, MAX)));
      this.saved = sig;
    } catch {
      // Storage full or off: the wall still shows them until it reloads.
    }
  }
}

function signature(alerts: readonly Alert[]): string {
  return alerts.map((a) => `${a.id}:${a.updatedAt}:${a.state}`).join('|');
}
