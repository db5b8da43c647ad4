/**
 * The hub's durable state in one SQLite file (`<dataDir>/hub.sqlite`): alerts, acknowledgements,
 * the audit trail, last topic values, the chart topics' recent history, the current layout,
 * presets, the wall windows seen and the last layout switch. WAL with synchronous=FULL, so a
 * statement that returned has been committed to disk: the ack reply is sent after that, never before.
 *
 * Acknowledgements are idempotent: `acks.alert_id` is UNIQUE, so an alert acknowledged twice (a
 * retry after a lost reply, or two operators) is one record and one audit entry.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Alert, AlertState } from '../../core/protocol/alerts.js';
import type { JsonValue } from '../../core/protocol/limits.js';
import type { LayoutCommand } from '../../core/protocol/layout-commands.js';
import type { TopicUpdate } from '../../core/protocol/protocol.js';
import type { Severity } from '../../core/wall/model.js';
import { toAck, toAlert, type AckRow, type AlertRow } from './store-rows.js';
import { migrate } from './store-schema.js';
import { PresetStore } from './preset-store.js';
import { WallStore } from './wall-store.js';

/** Who did something, for the audit trail. */
export interface Actor {
  /** Operator or integration name. */
  name: string;
  role: string;
  /** The token's name the request came with. */
  via: string;
  node?: string | null;
  window?: string | null;
  screen?: string | null;
}

/** A topic's latest value and when the hub received it. */
export interface StoredValue extends TopicUpdate {
  receivedAt: number;
}

/** One point of a chart topic's history: the update's time and the number the chart draws. */
export interface HistoryPoint {
  t: number;
  v: number;
}

/**
 * A topic's history changes since the last write (src/hub/topic-history.ts): rows before `keepFrom`
 * were pruned, rows from `rewriteFrom` on are replaced by `points` (Infinity: none).
 */
export interface HistoryChange {
  topic: string;
  keepFrom: number;
  rewriteFrom: number;
  points: HistoryPoint[];
}

export interface AuditEntry {
  seq: number;
  at: number;
  action: 'raise' | 'update' | 'ack' | 'clear' | 'layout' | 'preset:save' | 'preset:delete';
  alertId: string | null;
  actor: string;
  role: string;
  via: string;
  node: string | null;
  window: string | null;
  screen: string | null;
  detail: JsonValue;
}

export interface AckRecord {
  ackId: string;
  alertId: string;
  operator: string;
  screen: string | null;
  node: string | null;
  window: string | null;
  via: string;
  ackedAt: number;
  committedAt: number;
}

export type AckOutcome =
  | { kind: 'committed'; alert: Alert; record: AckRecord }
  | { kind: 'duplicate'; alert: Alert; record: AckRecord }
  | { kind: 'unknown-alert' }
  | { kind: 'ack-id-reused' };

export interface AlertFilter {
  severity?: Severity[];
  sector?: string[];
  state?: (AlertState | 'open')[];
  since?: number;
  limit?: number;
}

export class HubStore {
  private readonly db: Database.Database;
  /** Presets, in the same file and transactions as the rest (src/hub/storage/preset-store.ts). */
  public readonly presets: PresetStore;
  /** The wall windows seen and the last layout switch, kept across restarts (src/hub/storage/wall-store.ts). */
  public readonly walls: WallStore;

  public constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(path.join(dataDir, 'hub.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
    this.presets = new PresetStore(this.db, (...args) => this.audit(...args));
    this.walls = new WallStore(this.db);
  }

  public close(): void {
    if (this.db.open) this.db.close();
  }

  public getAlert(id: string): Alert | undefined {
    const r = this.db.prepare('SELECT * FROM alerts WHERE id = ?').get(id) as AlertRow | undefined;
    return r && toAlert(r);
  }

  /** Inserts or replaces an alert row and writes the audit entry, in one transaction. */
  public saveAlert(alert: Alert, action: AuditEntry['action'], actor: Actor, at: number, detail: JsonValue = null): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO alerts (id, severity, sector, area, source, title, message, state, raised_at, updated_at,
             acknowledged_by, acked_at, cleared_at)
           VALUES (@id, @severity, @sector, @area, @source, @title, @message, @state, @raisedAt, @updatedAt,
             @acknowledgedBy, @ackedAt, @clearedAt)
           ON CONFLICT(id) DO UPDATE SET severity = excluded.severity, sector = excluded.sector, area = excluded.area,
             source = excluded.source, title = excluded.title, message = excluded.message, state = excluded.state,
             raised_at = excluded.raised_at, updated_at = excluded.updated_at, acknowledged_by = excluded.acknowledged_by,
             acked_at = excluded.acked_at, cleared_at = excluded.cleared_at`,
        )
        .run({ acknowledgedBy: null, ackedAt: null, clearedAt: null, ...alert });
      this.audit(action, alert.id, actor, at, detail);
    })();
  }

  /**
   * Records an acknowledgement once per alert. Returns after the transaction committed (with
   * synchronous=FULL, on disk), so the caller may confirm it to the wall.
   */
  public acknowledge(req: { ackId: string; alertId: string; at: number }, actor: Actor, now: number): AckOutcome {
    return this.db.transaction((): AckOutcome => {
      const existing = this.db.prepare('SELECT * FROM acks WHERE alert_id = ?').get(req.alertId) as AckRow | undefined;
      if (existing) return { kind: 'duplicate', alert: this.getAlert(req.alertId)!, record: toAck(existing) };
      if (this.db.prepare('SELECT 1 FROM acks WHERE ack_id = ?').get(req.ackId)) return { kind: 'ack-id-reused' };
      const row = this.db.prepare('SELECT * FROM alerts WHERE id = ?').get(req.alertId) as AlertRow | undefined;
      if (!row) return { kind: 'unknown-alert' };
      const record: AckRecord = {
        ackId: req.ackId,
        alertId: req.alertId,
        operator: actor.name,
        screen: actor.screen ?? null,
        node: actor.node ?? null,
        window: actor.window ?? null,
        via: actor.via,
        ackedAt: req.at,
        committedAt: now,
      };
      this.db
        .prepare(
          `INSERT INTO acks (ack_id, alert_id, operator, screen, node, window, via, acked_at, committed_at)
           VALUES (@ackId, @alertId, @operator, @screen, @node, @window, @via, @ackedAt, @committedAt)`,
        )
        .run(record);
      this.db
        .prepare(
          `UPDATE alerts SET state = CASE WHEN state = 'cleared' THEN 'cleared' ELSE 'acknowledged' END,
             acknowledged_by = ?, acked_at = ?, updated_at = ? WHERE id = ?`,
        )
        .run(actor.name, req.at, now, req.alertId);
      this.audit('ack', req.alertId, actor, now, { ackId: req.ackId, ackedAt: req.at });
      return { kind: 'committed', alert: this.getAlert(req.alertId)!, record };
    })();
  }

  public getAck(alertId: string): AckRecord | undefined {
    const r = this.db.prepare('SELECT * FROM acks WHERE alert_id = ?').get(alertId) as AckRow | undefined;
    return r && toAck(r);
  }

  public listAlerts(f: AlertFilter = {}): Alert[] {
    const where: string[] = [];
    const args: unknown[] = [];
    const inList = (column: string, values: readonly string[]): void => {
      where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
      args.push(...values);
    };
    if (f.severity?.length) inList('severity', f.severity);
    if (f.sector?.length) inList('sector', f.sector);
    if (f.state?.length) {
      const states = new Set<string>(f.state.flatMap((s) => (s === 'open' ? ['active', 'acknowledged'] : [s])));
      inList('state', [...states]);
    }
    if (f.since !== undefined) {
      where.push('updated_at >= ?');
      args.push(f.since);
    }
    const sql =
      `SELECT * FROM alerts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ` +
      `ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'major' THEN 1 WHEN 'minor' THEN 2 WHEN 'warning' THEN 3 ELSE 4 END,
         raised_at DESC LIMIT ?`;
    args.push(f.limit ?? 500);
    return (this.db.prepare(sql).all(...args) as AlertRow[]).map(toAlert);
  }

  public countOpenBySeverity(): Record<string, number> {
    const rows = this.db
      .prepare(`SELECT severity, COUNT(*) AS n FROM alerts WHERE state != 'cleared' GROUP BY severity`)
      .all() as { severity: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.severity, r.n]));
  }

  public countAcks(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM acks').get() as { n: number }).n;
  }

  public listAudit(f: { alertId?: string; since?: number; limit?: number } = {}): AuditEntry[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM audit WHERE (@alertId IS NULL OR alert_id = @alertId) AND at >= @since ORDER BY seq DESC LIMIT @limit`,
      )
      .all({ alertId: f.alertId ?? null, since: f.since ?? 0, limit: f.limit ?? 500 }) as (Omit<AuditEntry, 'detail' | 'alertId'> & {
      alert_id: string | null;
      detail: string | null;
    })[];
    return rows.map(({ alert_id, detail, ...r }) => ({ ...r, alertId: alert_id, detail: detail ? (JSON.parse(detail) as JsonValue) : null }));
  }

  public audit(action: AuditEntry['action'], alertId: string | null, actor: Actor, at: number, detail: JsonValue): void {
    this.db
      .prepare(
        `INSERT INTO audit (at, action, alert_id, actor, role, via, node, window, screen, detail)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(at, action, alertId, actor.name, actor.role, actor.via, actor.node ?? null, actor.window ?? null,
        actor.screen ?? null, detail === null ? null : JSON.stringify(detail));
  }

  public loadValues(): StoredValue[] {
    const rows = this.db.prepare('SELECT topic, value, t, received_at FROM topic_values').all() as {
      topic: string;
      value: string;
      t: number;
      received_at: number;
    }[];
    return rows.map((r) => ({ topic: r.topic, value: JSON.parse(r.value) as JsonValue, t: r.t, receivedAt: r.received_at }));
  }

  /** Upserts the latest value of each topic in one transaction. */
  public saveValues(values: Iterable<StoredValue>): void {
    const stmt = this.db.prepare(
      `INSERT INTO topic_values (topic, value, t, received_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(topic) DO UPDATE SET value = excluded.value, t = excluded.t, received_at = excluded.received_at`,
    );
    this.db.transaction(() => {
      for (const u of values) stmt.run(u.topic, JSON.stringify(u.value), u.t, u.receivedAt);
    })();
  }

  /** Every kept history point, oldest first per topic. */
  public loadHistory(): ({ topic: string } & HistoryPoint)[] {
    return this.db.prepare('SELECT topic, t, v FROM topic_history ORDER BY topic, t').all() as ({ topic: string } & HistoryPoint)[];
  }

  /** Applies history changes in one transaction (written in batches, like last values). */
  public saveHistory(changes: readonly HistoryChange[]): void {
    if (changes.length === 0) return;
    const dropAll = this.db.prepare('DELETE FROM topic_history WHERE topic = ?');
    const dropBefore = this.db.prepare('DELETE FROM topic_history WHERE topic = ? AND t < ?');
    const dropFrom = this.db.prepare('DELETE FROM topic_history WHERE topic = ? AND t >= ?');
    const insert = this.db.prepare('INSERT INTO topic_history (topic, t, v) VALUES (?, ?, ?)');
    this.db.transaction(() => {
      for (const c of changes) {
        if (!Number.isFinite(c.keepFrom)) {
          dropAll.run(c.topic);
          continue;
        }
        dropBefore.run(c.topic, c.keepFrom);
        if (!Number.isFinite(c.rewriteFrom)) continue;
        dropFrom.run(c.topic, c.rewriteFrom);
        for (const p of c.points) insert.run(c.topic, p.t, p.v);
      }
    })();
  }

  /** Forgets the history of topics no chart reads any more (the project's layouts changed). */
  public keepHistoryOf(topics: ReadonlySet<string>): void {
    const stored = this.db.prepare('SELECT DISTINCT topic FROM topic_history').all() as { topic: string }[];
    const drop = this.db.prepare('DELETE FROM topic_history WHERE topic = ?');
    this.db.transaction(() => {
      for (const { topic } of stored) if (!topics.has(topic)) drop.run(topic);
    })();
  }

  public loadLayout(): LayoutCommand | null {
    const r = this.db.prepare('SELECT command FROM layout_state WHERE id = 1').get() as { command: string } | undefined;
    return r ? (JSON.parse(r.command) as LayoutCommand) : null;
  }

  public saveLayout(command: LayoutCommand, actor: Actor): void {
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO layout_state (id, command) VALUES (1, ?) ON CONFLICT(id) DO UPDATE SET command = excluded.command')
        .run(JSON.stringify(command));
      this.audit('layout', null, actor, command.issuedAt, {
        layout: command.layout,
        at: command.at,
        commandId: command.commandId,
        ...(command.preset ? { preset: command.preset.id, presetVersion: command.preset.version } : {}),
      });
    })();
  }
}
