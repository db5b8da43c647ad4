/**
 * Applies forwarded messages at the province, exactly once per sub-centre sequence (province.ts
 * reads them). Topic updates go to the topic service under the sub-centre's prefix; their mark is
 * written once the topic values are flushed to the store, so a crash in between re-applies them
 * rather than losing them. An alert change is stored with its mark in one transaction
 * (FederationStore.applyAlert); the topic updates before it in the batch are flushed and marked first.
 */
import type { Alert } from '../../core/protocol/alerts.js';
import type { TopicUpdate } from '../../core/protocol/protocol.js';
import type { AlertChangeKind } from '../alerts.js';
import type { AppliedMark, FederationStore } from '../storage/store.js';
import type { Actor } from '../storage/store-types.js';
import type { ForwardMessage } from './messages.js';
import { provinceAlertId, provinceTopic } from './names.js';

export interface ApplyTarget {
  store: FederationStore;
  publishTopics(updates: TopicUpdate[]): void;
  flushTopics(): Promise<void>;
  /** Stores the change with `mark` in one transaction and tells the walls. */
  applyAlert(kind: AlertChangeKind, alert: Alert, actor: Actor, mark: AppliedMark): Promise<void>;
}

export class ForwardApplier {
  private readonly marks = new Map<string, AppliedMark>();
  private readonly counts = new Map<string, number>();
  /** Topic updates applied in memory whose marks wait for the topic flush. */
  private readonly unflushed = new Map<string, AppliedMark>();
  private readonly refused = new Set<string>();

  private constructor(
    private readonly target: ApplyTarget,
    private readonly subCentres: ReadonlySet<string>,
    private readonly now: () => number,
    private readonly log: (m: string) => void,
  ) {}

  public static async load(target: ApplyTarget, subCentres: ReadonlySet<string>, now: () => number, log: (m: string) => void): Promise<ForwardApplier> {
    const a = new ForwardApplier(target, subCentres, now, log);
    for (const m of await target.store.loadApplied()) a.marks.set(m.subCentre, m);
    return a;
  }

  public mark(subCentre: string): AppliedMark | null {
    return this.unflushed.get(subCentre) ?? this.marks.get(subCentre) ?? null;
  }

  public appliedCount(subCentre: string): number {
    return this.counts.get(subCentre) ?? 0;
  }

  /** Applies the messages in order; skips what is not one, from an unknown sub-centre, or applied before. */
  public async applyBatch(messages: readonly (ForwardMessage | null)[]): Promise<void> {
    for (const m of messages) {
      if (!m) {
        this.log('federation: a forwarded message is not one (skipped)');
        continue;
      }
      if (!this.subCentres.has(m.sub)) {
        if (!this.refused.has(m.sub)) this.log(`federation: sub-centre ${m.sub} is not in federation.yaml subCentres (its messages are skipped)`);
        this.refused.add(m.sub);
        continue;
      }
      if (m.seq <= (this.mark(m.sub)?.seq ?? 0)) continue;
      const mark: AppliedMark = { subCentre: m.sub, seq: m.seq, originAt: m.at, appliedAt: this.now() };
      if (m.kind === 'updates') {
        this.target.publishTopics(m.updates.map((u) => ({ topic: provinceTopic(m.sub, u.topic), value: u.value, t: u.t })));
        this.unflushed.set(m.sub, mark);
      } else {
        await this.flush();
        const alert: Alert = { ...m.alert, id: provinceAlertId(m.sub, m.alert.id), origin: m.sub };
        const actor: Actor = { name: m.by.name, role: m.by.role, via: `federation:${m.sub}`, channel: 'hub' };
        await this.target.applyAlert(m.change, alert, actor, mark);
        this.marks.set(m.sub, mark);
      }
      this.counts.set(m.sub, this.appliedCount(m.sub) + 1);
    }
    await this.flush();
  }

  /** Stores the topic values applied so far, then their marks. */
  private async flush(): Promise<void> {
    if (this.unflushed.size === 0) return;
    await this.target.flushTopics();
    for (const [sub, mark] of this.unflushed) {
      await this.target.store.markApplied(mark);
      this.marks.set(sub, mark);
    }
    this.unflushed.clear();
  }
}
