/**
 * A sub-centre hub's side of federation (docs/federation.md): every accepted topic publish (of the
 * topics federation.yaml names) and alert change goes to the local JetStream stream
 * `WALLRUN_FWD_<ID>` with `Nats-Msg-Id` `<id>:<seq>`, and the change is accepted (REST answers OK)
 * only once JetStream answered with its PubAck: from then on it is on this machine's disk, whatever
 * the link to the province or this hub does. The province's stream sources this one across the leaf
 * link; nothing here knows whether the link is up (the probe says, for /healthz).
 */
import type { JetStreamClient, JetStreamManager, NatsConnection, StreamConfig } from 'nats';
import { DiscardPolicy, Events, RetentionPolicy, StorageType } from 'nats';
import { topicMatches, type FederationConfig } from '../../core/files/federation-model.js';
import type { Alert } from '../../core/protocol/alerts.js';
import type { TopicUpdate } from '../../core/protocol/protocol.js';
import type { AlertChangeKind } from '../alerts.js';
import { HttpError } from '../http.js';
import type { Actor } from '../storage/store-types.js';
import type { SubCentreHealth } from '../../core/protocol/federation-health.js';
import { BoundedRefresh } from './bounded-refresh.js';
import { LinkProbe } from './link-probe.js';
import { encodeForward, type ForwardMessage } from './messages.js';
import { forwardStream, forwardSubject, messageId, NS_PER_MS, PROVINCE_DOMAIN } from './names.js';
import { connectNats } from './nats-connect.js';

type SubCentreConfig = Extract<FederationConfig, { role: 'sub-centre' }>;

/**
 * How long JetStream remembers message ids: a publish retried within it (after a lost PubAck, or a
 * hub restarted mid-publish) is stored once. Two minutes is JetStream's default; an hour covers a hub
 * restart with room to spare, at the cost of the ids kept in memory (one per message in the window).
 */
export const DUPLICATE_WINDOW_MS = 60 * 60 * 1000;
/** A publish that has no PubAck after this fails (the REST call answers 503 federation-unavailable). */
const PUBLISH_TIMEOUT_MS = 5000;

/** A change not stored for the province (the local nats-server away): answered 503 `federation-unavailable`. */
export class FederationUnavailable extends HttpError {
  public constructor(message: string, options?: { cause: unknown }) {
    super(503, 'federation-unavailable', message);
    if (options) this.cause = options.cause;
  }
}

export class SubCentreForwarder {
  private nextSeq = 1;
  /** A read of the stream's last sequence after a failed publish; publishes wait for it. */
  private resync: Promise<void> | null = null;
  /** Whether the client is connected to the local nats-server now (its status events). */
  private connected = true;
  private streamState = { messages: 0, bytes: 0 };
  private readonly probe: LinkProbe;
  private readonly size = new BoundedRefresh(() => this.readSize());
  private readonly subject: string;
  private readonly stream: string;

  private constructor(
    private readonly config: SubCentreConfig,
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly now: () => number,
    log: (m: string) => void,
  ) {
    this.subject = forwardSubject(config.id);
    this.stream = forwardStream(config.id);
    this.probe = new LinkProbe(nc, PROVINCE_DOMAIN, now, (up) => log(`federation: link to the province ${up ? 'up' : 'down'}`));
  }

  public static async start(config: SubCentreConfig, dataDir: string, now: () => number, log: (m: string) => void): Promise<SubCentreForwarder> {
    const nc = await connectNats(config.nats, `wallrun sub-centre ${config.id}`, dataDir);
    try {
      const jsm = await nc.jetstreamManager();
      const f = new SubCentreForwarder(config, nc, nc.jetstream(), jsm, now, log);
      await f.ensureStream();
      f.watchConnection();
      f.probe.start(2000);
      log(`federation: sub-centre ${config.id}, stream ${f.stream}, next message ${config.id}:${f.nextSeq}`);
      return f;
    } catch (e) {
      await nc.close();
      throw e;
    }
  }

  private watchConnection(): void {
    void (async () => {
      for await (const status of this.nc.status()) {
        if (status.type === Events.Disconnect) this.connected = false;
        if (status.type === Events.Reconnect) this.connected = true;
      }
    })();
  }

  /** Creates or updates the stream to the configured limits; the next sequence follows the stream's last. */
  private async ensureStream(): Promise<void> {
    const cfg: Partial<StreamConfig> & { name: string } = {
      name: this.stream,
      subjects: [this.subject],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      discard: DiscardPolicy.Old,
      max_msgs: this.config.retention.maxMessages,
      max_age: this.config.retention.maxAgeS * 1000 * NS_PER_MS,
      duplicate_window: DUPLICATE_WINDOW_MS * NS_PER_MS,
    };
    let info;
    try {
      info = await this.jsm.streams.info(this.stream);
      info = await this.jsm.streams.update(this.stream, cfg);
    } catch (e) {
      if (!/stream not found/i.test((e as Error).message)) throw e;
      info = await this.jsm.streams.add(cfg);
    }
    // Only this hub publishes here, each message expecting its predecessor (publish): the stream's
    // sequence is the last message's, and never goes back, even when old messages expired.
    this.nextSeq = info.state.last_seq + 1;
    this.streamState = { messages: info.state.messages, bytes: info.state.bytes };
  }

  /** A named topic of at most 5 segments (the province adds one: topic names have at most 6). */
  public forwardsTopic(topic: string): boolean {
    return topic.split('.').length < 6 && this.config.forward.topics.some((glob) => topicMatches(glob, topic));
  }

  /** Forwards the updates of the named topics; resolves once JetStream stored them (PubAck). */
  public async forwardUpdates(updates: readonly TopicUpdate[]): Promise<void> {
    const chosen = updates.filter((u) => this.forwardsTopic(u.topic));
    if (chosen.length === 0) return;
    await this.publish((seq, at) => ({ v: 1, sub: this.config.id, seq, at, kind: 'updates', updates: chosen }));
  }

  /** Forwards an alert change (when federation.yaml forwards alerts); resolves once stored. */
  public async forwardAlert(change: AlertChangeKind, alert: Alert, actor: Actor): Promise<void> {
    if (!this.config.forward.alerts) return;
    await this.publish((seq, at) => ({ v: 1, sub: this.config.id, seq, at, kind: 'alert', change, alert, by: { name: actor.name, role: actor.role } }));
  }

  /**
   * Publishes with the next sequence, expecting the stream's last to be the one before: a message's
   * sequence is always its stream sequence, so a restarted hub (or one after a failure) continues
   * from the stream's last and never reuses an id the province applied. A failure (or a duplicate,
   * which only a failure before can cause) reads the stream's last again before the next publish.
   */
  private async publish(make: (seq: number, at: number) => ForwardMessage): Promise<void> {
    // Away: answer at once rather than after the PubAck timeout (the client reconnects by itself).
    if (!this.connected) throw new FederationUnavailable('not stored for the province: the local nats-server is away');
    if (this.resync) await this.resync;
    const seq = this.nextSeq++;
    try {
      const ack = await this.js.publish(this.subject, encodeForward(make(seq, this.now())), {
        msgID: messageId(this.config.id, seq),
        timeout: PUBLISH_TIMEOUT_MS,
        expect: { lastSequence: seq - 1 },
      });
      if (ack.duplicate || ack.seq !== seq) throw new Error(`stored as ${ack.duplicate ? 'a duplicate' : `sequence ${ack.seq}`}, not ${seq}`);
      this.streamState.messages += 1;
    } catch (e) {
      this.resync ??= this.readLastSeq().finally(() => {
        this.resync = null;
      });
      throw new FederationUnavailable(`not stored for the province: ${(e as Error).message}`, { cause: e });
    }
  }

  /** The next sequence from the stream's last (kept as it is while the local nats-server is away). */
  private async readLastSeq(): Promise<void> {
    try {
      this.nextSeq = (await this.jsm.streams.info(this.stream)).state.last_seq + 1;
    } catch {
      // the next failed publish tries again
    }
  }

  public async health(): Promise<SubCentreHealth> {
    await this.size.run();
    return {
      role: 'sub-centre',
      id: this.config.id,
      province: this.probe.current,
      stream: { name: this.stream, ...this.streamState, lastSeq: this.nextSeq - 1 },
    };
  }

  /** The local stream's size now (for health); while the local nats-server is away the last known stays. */
  private async readSize(): Promise<void> {
    try {
      const info = await this.jsm.streams.info(this.stream);
      this.streamState = { messages: info.state.messages, bytes: info.state.bytes };
    } catch {
      // kept: see above
    }
  }

  public async destroy(): Promise<void> {
    this.probe.stop();
    await this.nc.drain().catch(() => this.nc.close());
  }
}
