/**
 * The PostgreSQL backend of the hub's store (store.ts), for hubs past one machine (docs/scaling.md):
 * the same tables and semantics as the SQLite backend, one part per concern (alert-store.ts,
 * audit-log.ts, topic-store.ts, layout-store.ts: layout and presets, wall-store.ts: windows, last
 * switch and the automation's state, cap-store.ts), over one pool (pg-db.ts): each write one
 * transaction on one client, resolved after COMMIT. `beforeWrite` (the leadership fence) runs in
 * every write transaction right after BEGIN; a throw aborts it and nothing is written.
 */
import { PgFederationStore } from './federation-store.js';
import { PgAlertStore } from './alert-store.js';
import { PgAuditLog } from './audit-log.js';
import { PgCapStore } from './cap-store.js';
import { PgDb, type BeforeWrite } from './pg-db.js';
import { migratePostgres } from './pg-schema.js';
import { redactUrl } from './pg-url.js';
import { PgLayoutStore, PgPresetStore } from './layout-store.js';
import { PgForecastStore } from './forecast-store.js';
import { PgTimelineStore } from './timeline-store.js';
import { PgBaselineSampleStore } from './baseline-sample-store.js';
import { PgTopicStore } from './topic-store.js';
import { PgAutomationStore, PgWallStore } from './wall-store.js';
import type { HubStore, StoreHealth } from '../store.js';

export interface PostgresStoreOptions {
  /** postgres://USER:PASSWORD@HOST:PORT/DATABASE */
  url: string;
  beforeWrite?: BeforeWrite;
  log?: (message: string) => void;
}

export class PostgresStore implements HubStore {
  public readonly alerts: PgAlertStore;
  public readonly audit: PgAuditLog;
  public readonly topics: PgTopicStore;
  public readonly timeline: PgTimelineStore;
  public readonly forecasts: PgForecastStore;
  public readonly baselineSamples: PgBaselineSampleStore;
  public readonly layout: PgLayoutStore;
  public readonly presets: PgPresetStore;
  public readonly walls: PgWallStore;
  public readonly automation: PgAutomationStore;
  public readonly cap: PgCapStore;
  public readonly federation: PgFederationStore;
  public readonly describe: string;
  private closing: Promise<void> | null = null;

  /** Connects, brings the schema up to date and returns the store; throws (without the password) when the server cannot be used. */
  public static async open(o: PostgresStoreOptions): Promise<PostgresStore> {
    const db = new PgDb(o.url, o.beforeWrite, o.log ?? (() => undefined));
    try {
      await migratePostgres(db);
    } catch (e) {
      await db.close().catch(() => undefined);
      throw new Error(`cannot use the PostgreSQL store ${redactUrl(o.url)}: ${redactUrl((e as Error).message)}`, { cause: e });
    }
    return new PostgresStore(db);
  }

  private constructor(public readonly db: PgDb) {
    this.describe = `postgres ${redactUrl(db.url)}`;
    this.audit = new PgAuditLog(db);
    this.alerts = new PgAlertStore(db, this.audit);
    this.topics = new PgTopicStore(db);
    this.timeline = new PgTimelineStore(db);
    this.forecasts = new PgForecastStore(db);
    this.baselineSamples = new PgBaselineSampleStore(db);
    this.layout = new PgLayoutStore(db, this.audit);
    this.presets = new PgPresetStore(db, this.audit);
    this.walls = new PgWallStore(db);
    this.automation = new PgAutomationStore(db);
    this.cap = new PgCapStore(db);
    this.federation = new PgFederationStore(db, this.alerts);
  }

  public health(): StoreHealth {
    const problem = this.db.unreachable;
    return { backend: 'postgres', reachable: problem === null, problem };
  }

  /** Ends the pool (waits for the clients in use); safe to call twice. */
  public destroy(): Promise<void> {
    return (this.closing ??= this.db.close());
  }
}
