/**
 * The timeline recorder (docs/timeline.md): every second it takes what the audit trail gained
 * (alerts, acknowledgements, switches, automation, CAP) and what changed in the state it watches
 * (cameras, late topics, wall windows, dead screens), every `valuesEveryS` the project topics'
 * values, every `thumbnailsEveryS` each window's newest thumbnail (as a file, thumbnail-archive.ts),
 * and appends them to the store in one transaction. A store that cannot write keeps them (up to
 * MAX_PENDING) for the next try; hourly it prunes what is older than `keepDays`.
 */
import type { Alert } from '../../core/protocol/alerts.js';
import type { CameraInfo } from '../../core/protocol/cameras.js';
import type { ThumbnailInfo } from '../../core/protocol/console-protocol.js';
import type { LateTopic, TopicUpdate } from '../../core/protocol/protocol.js';
import type { NewTimelineEvent, TimelineSettings } from '../../core/protocol/timeline.js';
import type { WallInfo } from '../../core/protocol/walls.js';
import type { HubStore } from '../storage/store.js';
import { storageFault } from '../storage/storage-errors.js';
import { DAY_MS } from '../query-time.js';
import { auditEvent } from './audit-events.js';
import { cameraChanges, lateChanges, wallChanges } from './state-diff.js';
import type { ThumbnailArchive } from './thumbnail-archive.js';

/** Events kept in memory while the store cannot write; beyond, the oldest are dropped (and logged). */
const MAX_PENDING = 100_000;
/**
 * After a write the store refused, the next try waits this long: a locked SQLite file makes each
 * try wait out its busy timeout (5 s) on the hub's one thread, which must stay free for walls.
 */
const RETRY_AFTER_FAULT_MS = 15_000;

export interface TimelineSources {
  openAlerts(): Alert[];
  onAlertChange(listener: (alert: Alert) => void): void;
  cameras(): CameraInfo[];
  late(): LateTopic[];
  walls(): WallInfo[];
  deadScreens(): string[];
  values(): TopicUpdate[];
  /** The topics the project's layouts read: the ones whose values are recorded. */
  projectTopics: ReadonlySet<string>;
  thumbnails(): { info: ThumbnailInfo; data: Buffer }[];
}

export class TimelineRecorder {
  private pending: NewTimelineEvent[] = [];
  private readonly alertInfo = new Map<string, Pick<Alert, 'sector' | 'severity' | 'title'>>();
  private auditSeq = 0;
  private auditAt = 0;
  private cameras = new Map<string, string>();
  private late = new Map<string, LateTopic>();
  private walls = new Map<string, boolean>();
  private dead: string[] = [];
  private lastValuesAt = -Infinity;
  private readonly lastThumbnail = new Map<string, number>();
  private lastPruneAt = -Infinity;
  private fault: string | null = null;
  /** No write before this (hub time) after a refused one. */
  private retryAt = -Infinity;
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<void> = Promise.resolve();

  public constructor(
    private readonly store: HubStore,
    private readonly sources: TimelineSources,
    private readonly archive: ThumbnailArchive | null,
    private readonly settings: TimelineSettings,
    private readonly now: () => number,
    private readonly log: (message: string) => void,
  ) {}

  /** Starts from now: the audit trail before it is history already recorded (or older than the timeline). */
  public async init(everyMs = 1000): Promise<void> {
    for (const a of this.sources.openAlerts()) this.alertInfo.set(a.id, a);
    this.sources.onAlertChange((a) => this.alertInfo.set(a.id, a));
    const [newest] = await this.store.audit.list({ limit: 1 });
    this.auditSeq = newest?.seq ?? 0;
    this.auditAt = newest?.at ?? 0;
    this.timer = setInterval(() => void this.tick(), everyMs);
    this.timer.unref();
  }

  /** One round: read, compare, append. One at a time. */
  public tick(): Promise<void> {
    this.running = this.running.then(() => this.round()).catch((e: unknown) => this.log(`timeline: ${(e as Error).message}`));
    return this.running;
  }

  private async round(): Promise<void> {
    const now = this.now();
    await this.readAudit();
    this.readState(now);
    if (now - this.lastValuesAt >= this.settings.valuesEveryS * 1000) this.recordValues(now);
    this.archiveThumbnails();
    if (now >= this.retryAt) await this.flush(now);
    if (now - this.lastPruneAt >= 3_600_000) await this.prune(now);
  }

  private async readAudit(): Promise<void> {
    const fresh = (await this.store.audit.list({ since: this.auditAt, limit: 5000 })).filter((e) => e.seq > this.auditSeq).reverse();
    for (const e of fresh) {
      this.auditSeq = Math.max(this.auditSeq, e.seq);
      this.auditAt = Math.max(this.auditAt, e.at);
      let info = e.alertId ? this.alertInfo.get(e.alertId) : undefined;
      if (e.alertId && !info) info = await this.store.alerts.get(e.alertId);
      const ev = auditEvent(e, info);
      if (ev) this.pending.push(ev);
    }
  }

  private readState(now: number): void {
    const cams = this.sources.cameras();
    this.pending.push(...cameraChanges(this.cameras, cams));
    this.cameras = new Map(cams.map((c) => [c.id, c.state]));
    const late = this.sources.late();
    this.pending.push(...lateChanges(this.late, late, now));
    this.late = new Map(late.map((l) => [l.topic, l]));
    const walls = this.sources.walls();
    const dead = this.sources.deadScreens();
    this.pending.push(...wallChanges(this.walls, walls, this.dead, dead, now));
    this.walls = new Map(walls.map((w) => [`${w.node}/${w.window}`, w.connected]));
    this.dead = dead;
  }

  private recordValues(now: number): void {
    this.lastValuesAt = now;
    const values: Record<string, unknown> = {};
    for (const v of this.sources.values()) if (this.sources.projectTopics.has(v.topic)) values[v.topic] = v.value;
    if (Object.keys(values).length === 0) return;
    this.pending.push({ at: now, kind: 'values', subject: 'topics', what: 'sampled', sector: null, severity: null, actor: null, detail: values as NewTimelineEvent['detail'] });
  }

  private archiveThumbnails(): void {
    if (!this.archive) return;
    for (const { info, data } of this.sources.thumbnails()) {
      const id = `${info.node}/${info.window}`;
      if (info.at - (this.lastThumbnail.get(id) ?? -Infinity) < this.settings.thumbnailsEveryS * 1000) continue;
      this.lastThumbnail.set(id, info.at);
      const file = this.archive.add(info.node, info.window, info.at, info.mime, data);
      this.pending.push({ at: info.at, kind: 'thumbnail', subject: id, what: 'picture', sector: 'wall', severity: null, actor: null, detail: { file, width: info.width, height: info.height, screens: info.screens, mime: info.mime } });
    }
  }

  private async flush(now: number): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    try {
      await this.store.timeline.append(batch);
      if (this.fault) this.log('timeline: stored again');
      this.fault = null;
    } catch (e) {
      const fault = storageFault(e);
      if (!fault) throw e;
      if (this.fault === null) this.log(`timeline: kept in memory until it can be stored: ${fault.message}`);
      this.fault = fault.message;
      this.retryAt = now + RETRY_AFTER_FAULT_MS;
      this.pending = [...batch, ...this.pending];
      if (this.pending.length > MAX_PENDING) {
        this.log(`timeline: dropped the ${this.pending.length - MAX_PENDING} oldest events not stored (memory bound)`);
        this.pending = this.pending.slice(-MAX_PENDING);
      }
    }
  }

  private async prune(now: number): Promise<void> {
    this.lastPruneAt = now;
    const before = now - this.settings.keepDays * DAY_MS;
    await this.store.timeline.prune(before);
    this.archive?.prune(before);
  }

  /** Stops the timer and stores what is pending (one last try, whatever the back-off); safe to call twice. */
  public async destroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.retryAt = -Infinity;
    await this.tick();
  }
}
