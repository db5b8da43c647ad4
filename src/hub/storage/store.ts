/**
 * The hub's durable state as the services see it: one asynchronous interface, two backends.
 * SQLite (`<dataDir>/hub.sqlite`, sqlite/, the default: one process, no server) and PostgreSQL
 * (`--store postgres://…`, postgres/: several hubs on one database, docs/scaling.md).
 *
 * Every write resolves after its transaction committed (SQLite: synchronous=FULL, on disk;
 * PostgreSQL: COMMIT answered), so a service that awaits it may confirm the change (an ack reply)
 * and never before. A change and its audit entry are one transaction in both backends. A write
 * the backend refused rejects with an error storage-errors.ts turns into 503 or 507.
 *
 * The parts, one per concern: alerts and acknowledgements, the audit trail, last topic values and
 * the chart topics' recent history, the current layout, presets, the wall windows seen and the last
 * layout switch, the automation's state, CAP messages.
 */
import type { Forecast } from '../../core/protocol/forecasts.js';
import type { NewTimelineEvent, TimelineEvent, TimelineFilter } from '../../core/protocol/timeline.js';
import type { Alert } from '../../core/protocol/alerts.js';
import type { CapMessageRecord } from '../../core/protocol/cap.js';
import type { LayoutCommand } from '../../core/protocol/layout-commands.js';
import type { JsonValue } from '../../core/protocol/limits.js';
import type { Preset } from '../../core/protocol/presets.js';
import type { Hold } from '../../core/protocol/automation.js';
import type { SwitchRecord, WallInfo } from '../../core/protocol/walls.js';
import type {
  AckCommand,
  AckOutcome,
  AckRecord,
  Actor,
  AlertFilter,
  AppliedOccurrence,
  AuditAction,
  AuditEntry,
  AuditFilter,
  HistoryChange,
  HistoryPoint,
  LayoutFailure,
  PresetDelete,
  PresetWrite,
  StoredValue,
  StoredWindow,
  TakeoverState,
} from './store-types.js';

/** Alerts and acknowledgements (one per alert: UNIQUE alert_id and ack_id), each change with its audit entry. */
export interface AlertStore {
  get(id: string): Promise<Alert | undefined>;
  /** Inserts or replaces an alert and writes its audit entry, in one transaction. */
  save(alert: Alert, action: AuditAction, actor: Actor, at: number, detail?: JsonValue): Promise<void>;
  /** Records an acknowledgement once per alert; resolves after the transaction committed. */
  acknowledge(req: AckCommand, actor: Actor, now: number): Promise<AckOutcome>;
  getAck(alertId: string): Promise<AckRecord | undefined>;
  /** Most severe first, then newest raised first. */
  list(f?: AlertFilter): Promise<Alert[]>;
  countAcks(): Promise<number>;
}

/** The audit trail; entries of changes are written by the change's own transaction. */
export interface AuditLog {
  /** An entry standing alone: an attempt that did not happen (`ack:refused`, `cap:refused`) or the automation's. */
  write(action: AuditAction, alertId: string | null, actor: Actor, at: number, detail: JsonValue): Promise<void>;
  /** Newest first. */
  list(f?: AuditFilter): Promise<AuditEntry[]>;
}

/** Last topic values and chart history, written in batches (src/hub/topics.ts). */
export interface TopicStore {
  loadValues(): Promise<StoredValue[]>;
  saveValues(values: Iterable<StoredValue>): Promise<void>;
  /** Every kept point, oldest first per topic. */
  loadHistory(): Promise<({ topic: string } & HistoryPoint)[]>;
  saveHistory(changes: readonly HistoryChange[]): Promise<void>;
  /** Forgets the history of topics no chart reads any more. */
  keepHistoryOf(topics: ReadonlySet<string>): Promise<void>;
}

/** Each topic's current forecast (src/hub/forecasts.ts): replaced whole, written before it is answered. */
export interface ForecastStore {
  load(): Promise<Forecast[]>;
  save(forecast: Forecast): Promise<void>;
  /** Whether the topic had one. */
  drop(topic: string): Promise<boolean>;
}

/** The timeline (src/hub/timeline/): appended in batches, read by time range, pruned by age. */
export interface TimelineStore {
  /** One transaction; numbered in order. */
  append(events: readonly NewTimelineEvent[]): Promise<void>;
  /** Oldest first, `limit` at most. */
  list(filter: TimelineFilter): Promise<TimelineEvent[]>;
  /** Deletes events before `before`; how many. */
  prune(before: number): Promise<number>;
  /** The oldest event's time, or null when empty. */
  oldest(): Promise<number | null>;
}

/** One bucket of a baseline topic's training series: the values of [bucket, bucket + every) summed and counted. */
export interface BaselineSample {
  topic: string;
  /** Start of the bucket (hub time, a multiple of the topic's `every`). */
  bucket: number;
  sum: number;
  count: number;
}

/**
 * The training series of the baseline forecaster's topics (src/hub/forecaster/): one row per topic
 * and `every` bucket for `trainDays`, written in batches; a few hundred rows per topic.
 */
export interface BaselineSampleStore {
  /** Every kept bucket, oldest first per topic. */
  load(): Promise<BaselineSample[]>;
  /**
   * Upserts `samples` (sum and count replace the stored ones), then keeps, per topic of `keepFrom`,
   * the buckets from its time on and forgets every topic not in it; one transaction.
   */
  save(samples: readonly BaselineSample[], keepFrom: ReadonlyMap<string, number>): Promise<void>;
}

/** The current layout; each switch saved with its audit entry. */
export interface LayoutStore {
  load(): Promise<LayoutCommand | null>;
  save(command: LayoutCommand, actor: Actor): Promise<void>;
  /** A switch that did not happen: its audit entry (`layout:failed`) alone. */
  saveFailure(failure: LayoutFailure, actor: Actor, at: number): Promise<void>;
}

/** Presets with versions: a change names the version it started from. */
export interface PresetStore {
  list(): Promise<Preset[]>;
  get(id: string): Promise<Preset | null>;
  /** Creates (`baseVersion` 0) or replaces (the stored version) a preset; its version becomes baseVersion + 1. */
  save(draft: Omit<Preset, 'version' | 'updatedAt' | 'updatedBy'>, baseVersion: number, actor: Actor, now: number): Promise<PresetWrite>;
  /** Deletes the preset if it is still at `baseVersion`. */
  delete(id: string, baseVersion: number, actor: Actor, now: number): Promise<PresetDelete>;
  count(): Promise<number>;
}

/** The wall windows seen and the last layout switch. */
export interface WallStore {
  loadWindows(): Promise<StoredWindow[]>;
  saveWindow(w: WallInfo): Promise<void>;
  clearWindows(): Promise<void>;
  deleteWindow(node: string, window: string): Promise<void>;
  loadSwitch(): Promise<SwitchRecord | null>;
  saveSwitch(record: SwitchRecord): Promise<void>;
}

/** The automation's last applied occurrence, hold, takeover in force and open prompts. */
export interface AutomationStore {
  loadApplied(): Promise<AppliedOccurrence | null>;
  saveApplied(applied: AppliedOccurrence): Promise<void>;
  loadHold(): Promise<Hold | null>;
  /** null: no hold in force. */
  saveHold(hold: Hold | null): Promise<void>;
  loadTakeovers(): Promise<TakeoverState | null>;
  saveTakeovers(state: TakeoverState): Promise<void>;
}

/** CAP messages taken (once per sender, identifier, sent) and per CAP alert its identity and end. */
export interface CapStore {
  findMessage(sender: string, identifier: string, sent: number): Promise<CapMessageRecord | undefined>;
  /** The wallrun alert a message (any of its sent times) made or changed, if any. */
  alertOfMessage(sender: string, identifier: string): Promise<string | null>;
  record(m: CapMessageRecord): Promise<void>;
  track(alertId: string, sender: string, identifier: string, expiresAt: number | null, sent: number): Promise<void>;
  lastSent(alertId: string): Promise<number | null>;
  untrack(alertId: string): Promise<void>;
  /** CAP alerts whose end has come (expires_at ≤ now). */
  due(now: number): Promise<string[]>;
  /** Newest first. */
  list(limit?: number): Promise<CapMessageRecord[]>;
}

/** A province's mark of the last message applied from one sub-centre (docs/federation.md). */
export interface AppliedMark {
  subCentre: string;
  /** The sub-centre's own sequence of the message (its Nats-Msg-Id is `<subCentre>:<seq>`). */
  seq: number;
  /** When the sub-centre accepted it (its clock, ms). */
  originAt: number;
  /** When this hub applied it. */
  appliedAt: number;
}

/**
 * What a province hub applied from its sub-centres: per sub-centre the last message's sequence, so a
 * message JetStream delivers again (after a crash before its ack) is skipped. A forwarded alert
 * change is stored with its mark in one transaction.
 */
export interface FederationStore {
  loadApplied(): Promise<AppliedMark[]>;
  markApplied(mark: AppliedMark): Promise<void>;
  /** AlertStore.save and markApplied, in one transaction. */
  applyAlert(alert: Alert, action: AuditAction, actor: Actor, at: number, detail: JsonValue, mark: AppliedMark): Promise<void>;
}

/** Whether the store takes writes now, for /healthz: the last write's outcome (PostgreSQL); SQLite's faults last one write. */
export interface StoreHealth {
  backend: 'sqlite' | 'postgres';
  /** false: the last write or read met the server gone (it is tried again at the next one). */
  reachable: boolean;
  /** Why not, without the password; null when reachable. */
  problem: string | null;
}

export interface HubStore {
  readonly alerts: AlertStore;
  readonly audit: AuditLog;
  readonly topics: TopicStore;
  readonly forecasts: ForecastStore;
  readonly timeline: TimelineStore;
  readonly baselineSamples: BaselineSampleStore;
  readonly layout: LayoutStore;
  readonly presets: PresetStore;
  readonly walls: WallStore;
  readonly automation: AutomationStore;
  readonly cap: CapStore;
  readonly federation: FederationStore;
  /** Which backend, for logs: `sqlite <file>` or `postgres <url without its password>`. */
  readonly describe: string;
  health(): StoreHealth;
  /** Closes the file or the pool; safe to call twice. */
  destroy(): Promise<void>;
}
