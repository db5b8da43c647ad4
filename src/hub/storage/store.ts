/**
 * The hub's durable state in one SQLite file (`<dataDir>/hub.sqlite`), one part per concern:
 * alerts and acknowledgements (alert-store.ts), the audit trail (audit-log.ts), last topic values
 * and the chart topics' recent history (topic-store.ts), the current layout (layout-store.ts),
 * presets (preset-store.ts), the wall windows seen and the last layout switch (wall-store.ts), the
 * automation's last applied occurrence and hold (automation-store.ts), CAP messages (cap-store.ts).
 * They share one connection, so a change and its audit entry are one transaction. WAL with
 * synchronous=FULL: a statement that returned has been committed to disk.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { AlertStore } from './alert-store.js';
import { AuditLog } from './audit-log.js';
import { AutomationStore } from './automation-store.js';
import { CapStore } from './cap-store.js';
import { LayoutStore } from './layout-store.js';
import { PresetStore } from './preset-store.js';
import { ensurePrivateDir, ensurePrivateFile, narrowToPrivate } from './private-files.js';
import { migrate } from './store-schema.js';
import { TopicStore } from './topic-store.js';
import { WallStore } from './wall-store.js';

export class HubStore {
  public readonly alerts: AlertStore;
  public readonly audit: AuditLog;
  public readonly topics: TopicStore;
  public readonly layout: LayoutStore;
  public readonly presets: PresetStore;
  public readonly walls: WallStore;
  public readonly automation: AutomationStore;
  public readonly cap: CapStore;

  /**
   * Opens (or creates) `<dataDir>/hub.sqlite` and brings its schema up to date. The folder is made
   * 700 and the database 600 first (private-files.ts): SQLite gives -wal and -shm the same mode.
   */
  public static open(dataDir: string): HubStore {
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
    return new HubStore(db);
  }

  /** Wires the parts over an open database (HubStore.open opens it). */
  public constructor(private readonly db: Database.Database) {
    this.audit = new AuditLog(db);
    this.alerts = new AlertStore(db, this.audit);
    this.topics = new TopicStore(db);
    this.layout = new LayoutStore(db, this.audit);
    this.presets = new PresetStore(db, this.audit);
    this.walls = new WallStore(db);
    this.automation = new AutomationStore(db);
    this.cap = new CapStore(db);
  }

  /** Closes the file; safe to call twice. */
  public destroy(): void {
    if (this.db.open) this.db.close();
  }
}
