/**
 * A province hub's side of federation (docs/federation.md). Its stream `WALLRUN_PROVINCE` sources
 * every sub-centre's stream across its JetStream domain (`$JS.sub-<id>.API`): JetStream itself
 * catches up after an outage, in order. This hub reads the stream with one durable pull consumer
 * per sub-centre (filtered on its subject, which sourcing keeps), so each one's backlog is counted
 * apart and a slow one holds up no other; it applies each message, then acks it. Exactly once: per
 * sub-centre it keeps the last applied message's sequence in its store (alert changes in the same
 * transaction as the change; topic updates once the topic values are flushed, applier.ts) and skips
 * anything at or below it, so a message delivered again after a crash before its ack is not
 * applied twice.
 */
import { AckPolicy, DeliverPolicy, StorageType, type ConsumerMessages, type JetStreamManager, type JsMsg, type NatsConnection, type StreamConfig, type StreamSource } from 'nats';
import type { FederationConfig } from '../../core/files/federation-model.js';
import { ForwardApplier, type ApplyTarget } from './applier.js';
import type { ProvinceHealth } from '../../core/protocol/federation-health.js';
import { BoundedRefresh } from './bounded-refresh.js';
import { LinkProbe } from './link-probe.js';
import { parseForward } from './messages.js';
import { domainApi, forwardStream, forwardSubject, NS_PER_MS, PROVINCE_CONSUMER, PROVINCE_STREAM, subCentreDomain } from './names.js';
import { connectNats } from './nats-connect.js';

type ProvinceConfig = Extract<FederationConfig, { role: 'province' }>;

const consumerOf = (id: string): string => `${PROVINCE_CONSUMER}-${id}`;

export class ProvinceFederation {
  private readonly probes = new Map<string, LinkProbe>();
  private readonly sourceLag = new Map<string, number>();
  private readonly pending = new Map<string, number>();
  private readonly fetches = new Set<ConsumerMessages>();
  private stopped = false;
  private readonly counts = new BoundedRefresh(() => this.refreshCounts());
  private loops: Promise<void>[] = [];

  private constructor(
    private readonly config: ProvinceConfig,
    private readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
    private readonly applier: ForwardApplier,
    private readonly now: () => number,
    private readonly log: (m: string) => void,
  ) {
    for (const id of config.subCentres) {
      this.probes.set(id, new LinkProbe(nc, subCentreDomain(id), now, (up) => log(`federation: link to sub-centre ${id} ${up ? 'up' : 'down'}`)));
    }
  }

  public static async start(config: ProvinceConfig, target: ApplyTarget, dataDir: string, now: () => number, log: (m: string) => void): Promise<ProvinceFederation> {
    const nc = await connectNats(config.nats, `wallrun province ${config.id}`, dataDir);
    try {
      const jsm = await nc.jetstreamManager();
      const applier = await ForwardApplier.load(target, new Set(config.subCentres), now, log);
      const p = new ProvinceFederation(config, nc, jsm, applier, now, log);
      await p.ensureStream();
      for (const probe of p.probes.values()) probe.start(2000);
      p.loops = config.subCentres.map((id) => p.run(id));
      log(`federation: province ${config.id}, sourcing ${config.subCentres.join(', ') || 'no sub-centre'}`);
      return p;
    } catch (e) {
      await nc.close();
      throw e;
    }
  }

  private async ensureStream(): Promise<void> {
    const sources: StreamSource[] = this.config.subCentres.map((id) => ({
      name: forwardStream(id),
      external: { api: domainApi(subCentreDomain(id)), deliver: '' },
    }));
    const cfg: Partial<StreamConfig> & { name: string } = {
      name: PROVINCE_STREAM,
      storage: StorageType.File,
      sources,
      max_msgs: this.config.retention.maxMessages,
      max_age: this.config.retention.maxAgeS * 1000 * NS_PER_MS,
    };
    try {
      await this.jsm.streams.info(PROVINCE_STREAM);
      await this.jsm.streams.update(PROVINCE_STREAM, cfg);
    } catch (e) {
      if (!/stream not found/i.test((e as Error).message)) throw e;
      await this.jsm.streams.add(cfg);
    }
    for (const id of this.config.subCentres) {
      const durable = consumerOf(id);
      try {
        await this.jsm.consumers.info(PROVINCE_STREAM, durable);
      } catch {
        await this.jsm.consumers.add(PROVINCE_STREAM, {
          durable_name: durable,
          filter_subject: forwardSubject(id),
          ack_policy: AckPolicy.Explicit,
          deliver_policy: DeliverPolicy.All,
          max_ack_pending: 10_000,
        });
      }
    }
  }

  /**
   * Reads, applies and acks one sub-centre's messages until destroyed. A batch that fails to apply
   * (the store refused) is nak'd whole, in order: the server redelivers nak'd messages before any
   * newer one, so nothing newer is applied first (and skipped on its return); those applied before
   * the failure are skipped by their marks.
   */
  private async run(id: string): Promise<void> {
    const consumer = await this.nc.jetstream().consumers.get(PROVINCE_STREAM, consumerOf(id));
    while (!this.stopped) {
      const batch: JsMsg[] = [];
      try {
        const messages = await consumer.fetch({ max_messages: 500, expires: 1000 });
        this.fetches.add(messages);
        try {
          for await (const m of messages) batch.push(m);
        } finally {
          this.fetches.delete(messages);
        }
        if (batch.length === 0) continue;
        await this.applier.applyBatch(batch.map((m) => parseForward(m.data)));
        for (const m of batch) m.ack();
      } catch (e) {
        for (const m of batch) m.nak();
        if (this.stopped) return;
        this.log(`federation: applying sub-centre ${id}'s messages failed, retried: ${(e as Error).message}`);
        await new Promise((r) => setTimeout(r, 1000).unref());
      }
    }
  }

  /** Reads each source's lag and each consumer's pending count (for health). */
  private async refreshCounts(): Promise<void> {
    try {
      const info = await this.jsm.streams.info(PROVINCE_STREAM);
      for (const s of info.sources ?? []) {
        const id = this.config.subCentres.find((c) => forwardStream(c) === s.name);
        if (id) this.sourceLag.set(id, s.lag);
      }
      for (const id of this.config.subCentres) {
        const ci = await this.jsm.consumers.info(PROVINCE_STREAM, consumerOf(id));
        this.pending.set(id, ci.num_pending + ci.num_ack_pending);
      }
    } catch {
      // the province's nats-server is away: the last known counts stay
    }
  }

  public async health(): Promise<ProvinceHealth> {
    await this.counts.run();
    const now = this.now();
    return {
      role: 'province',
      id: this.config.id,
      subCentres: this.config.subCentres.map((id) => {
        const link = this.probes.get(id)!.current;
        const backlog = (this.sourceLag.get(id) ?? 0) + (this.pending.get(id) ?? 0);
        const mark = this.applier.mark(id);
        const caughtUp = link.up && backlog === 0;
        return {
          id,
          link,
          backlog,
          lagMs: caughtUp || !mark ? 0 : Math.max(0, now - mark.originAt),
          applied: mark ? { seq: mark.seq, originAt: mark.originAt, appliedAt: mark.appliedAt } : null,
          appliedCount: this.applier.appliedCount(id),
        };
      }),
    };
  }

  public async destroy(): Promise<void> {
    this.stopped = true;
    for (const p of this.probes.values()) p.stop();
    for (const f of this.fetches) f.stop();
    await Promise.all(this.loops.map((l) => l.catch(() => undefined)));
    await this.nc.drain().catch(() => this.nc.close());
  }
}
