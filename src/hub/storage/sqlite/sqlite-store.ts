/**
 * The SQLite backend of the hub's store (store.ts): one file, `<dataDir>/hub.sqlite`, one part per
 * concern: alerts and acknowledgements (alert-store.ts), the audit trail (audit-log.ts), last topic
 * values and the chart topics' recent history (topic-store.ts), the current layout
 * (layout-store.ts), presets (preset-store.ts), the wall windows seen and the last layout switch
 * (wall-store.ts), the automation's state (automation-store.ts), CAP messages (cap-store.ts).
 * They share one connection, so a change and its audit entry are one transaction. WAL with
 * synchronous=FULL: a statement that returned has been committed to disk. better-sqlite3 is
 * synchronous: each transaction runs whole inside one call, and the part's promise is already
 * settled when it returns (async methods), so the asynchronous interface changes no semantics.
 */
import { SqliteFederationStore } from './federation-store.js';
import Database from 'better-sqlite3';
import path from 'node:path';
import { ensurePrivateDir, ensurePrivateFile, narrowToPrivate } from '../private-files.js';
import type { HubStore, StoreHealth } from '../store.js';
import { SqliteAlertStore } from './alert-store.js';
import { SqliteAuditLog } from './audit-log.js';
import { SqliteAutomationStore } from './automation-store.js';
import { SqliteCapStore } from './cap-store.js';
import { SqliteLayoutStore } from './layout-store.js';
import { SqlitePresetStore } from './preset-store.js';
import { migrate } from './store-schema.js';
import { SqliteForecastStore } from './forecast-store.js';
import { SqliteTimelineStore } from './timeline-store.js';
import { SqliteBaselineSampleStore } from './baseline-sample-store.js';
import { SqliteTopicStore } from './topic-store.js';
import { SqliteWallStore } from './wall-store.js';

export class SqliteStore implements HubStore {
  public readonly alerts: SqliteAlertStore;
  public readonly audit: SqliteAuditLog;
  public readonly topics: SqliteTopicStore;
  public readonly timeline: SqliteTimelineStore;
  public readonly forecasts: SqliteForecastStore;
  public readonly baselineSamples: SqliteBaselineSampleStore;
  public readonly layout: SqliteLayoutStore;
  public readonly presets: SqlitePresetStore;
  public readonly walls: SqliteWallStore;
  public readonly automation: SqliteAutomationStore;
  public readonly cap: SqliteCapStore;
  public readonly federation: SqliteFederationStore;
  public readonly describe: string;

  /**
   * Opens (or creates) `<dataDir>/hub.sqlite` and brings its schema up to date. The folder is made
   * 700 and the database 600 first (private-files.ts): SQLite gives -wal and -shm the same mode.
   */
  public static open(dataDir: string): SqliteStore {
    ensurePrivateDir(dataDir);
    const file = path.join(dataDir, 'hub.sqlite');
    ensurePrivateFile(file);
    for (const suffix of ['-wal', '-shm']) narrowToPrivate(file + suffix); // left by an older hub
    const db = new Database(file);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      migrate(db);
    } catch (e) {
      db.close();
      throw e;
    }
    return new SqliteStore(db, file);
  }

  /** Wires the parts over an open database (HubStore.open opens it). */
  public constructor(
    private readonly db: Database.Database,
    file: string,
  ) {
    this.describe = `sqlite ${file}`;
    this.audit = new SqliteAuditLog(db);
    this.alerts = new SqliteAlertStore(db, this.audit);
    this.topics = new SqliteTopicStore(db);
    this.timeline = new SqliteTimelineStore(db);
    this.forecasts = new SqliteForecastStore(db);
    this.baselineSamples = new SqliteBaselineSampleStore(db);
    this.layout = new SqliteLayoutStore(db, this.audit);
    this.presets = new SqlitePresetStore(db, this.audit);
    this.walls = new SqliteWallStore(db);
    this.automation = new SqliteAutomationStore(db);
    this.cap = new SqliteCapStore(db);
    this.federation = new SqliteFederationStore(db, this.alerts);
  }

  /** A file on this machine is always there; a lock or a full disk fails one write at a time (storage-errors.ts). */
  public health(): StoreHealth {
    return { backend: 'sqlite', reachable: true, problem: null };
  }

  /** Closes the file; safe to call twice. */
  public async destroy(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
