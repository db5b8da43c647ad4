/**
 * The PostgreSQL schema of the hub's store: the same numbered steps as the SQLite schema
 * (sqlite/store-schema.ts), in PostgreSQL DDL, recorded in `schema_version` (one row per step
 * applied), so a database written by an older hub is brought up to date on start. Times are bigint
 * ms, as in SQLite; JSON is kept as text, as in SQLite, so both backends share their row shapes.
 * Two hubs starting at once on one database: a transaction-scoped advisory lock lets one migrate
 * while the other waits, then finds nothing left to do. `window` is a reserved word here: quoted.
 */
import type { PgDb } from './pg-db.js';

const STEPS: string[] = [
  // 1: alerts, acks (one per alert), audit trail, last values, current layout.
  `CREATE TABLE alerts (
     id TEXT PRIMARY KEY,
     severity TEXT NOT NULL CHECK (severity IN ('critical', 'major', 'minor', 'warning', 'info')),
     sector TEXT NOT NULL,
     area TEXT NOT NULL,
     source TEXT NOT NULL,
     title TEXT NOT NULL,
     message TEXT NOT NULL,
     state TEXT NOT NULL CHECK (state IN ('active', 'acknowledged', 'cleared')),
     raised_at BIGINT NOT NULL,
     updated_at BIGINT NOT NULL,
     acknowledged_by TEXT,
     acked_at BIGINT,
     cleared_at BIGINT
   );
   CREATE INDEX alerts_by_state ON alerts (state, raised_at);
   CREATE INDEX alerts_by_update ON alerts (updated_at);
   CREATE TABLE acks (
     ack_id TEXT NOT NULL UNIQUE,
     alert_id TEXT NOT NULL UNIQUE REFERENCES alerts (id),
     operator TEXT NOT NULL,
     screen TEXT,
     node TEXT,
     "window" TEXT,
     via TEXT NOT NULL,
     acked_at BIGINT NOT NULL,
     committed_at BIGINT NOT NULL
   );
   CREATE TABLE audit (
     seq BIGSERIAL PRIMARY KEY,
     at BIGINT NOT NULL,
     action TEXT NOT NULL,
     alert_id TEXT,
     actor TEXT NOT NULL,
     role TEXT NOT NULL,
     via TEXT NOT NULL,
     node TEXT,
     "window" TEXT,
     screen TEXT,
     detail TEXT
   );
   CREATE INDEX audit_by_alert ON audit (alert_id, seq);
   CREATE TABLE topic_values (
     topic TEXT PRIMARY KEY,
     value TEXT NOT NULL,
     t BIGINT NOT NULL,
     received_at BIGINT NOT NULL
   );
   CREATE TABLE layout_state (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     command TEXT NOT NULL
   );`,
  // 2: presets, the whole preset as JSON text.
  `CREATE TABLE presets (
     id TEXT PRIMARY KEY,
     preset TEXT NOT NULL,
     version INTEGER NOT NULL CHECK (version >= 1),
     updated_at BIGINT NOT NULL
   );`,
  // 3: the wall windows the hub has seen and the last layout switch.
  `CREATE TABLE wall_windows (
     node TEXT NOT NULL,
     "window" TEXT NOT NULL,
     screens TEXT NOT NULL,
     token TEXT NOT NULL,
     address TEXT,
     connected_at BIGINT,
     gone_at BIGINT,
     disconnect_reason TEXT,
     health TEXT,
     last_switch TEXT,
     PRIMARY KEY (node, "window")
   );
   CREATE TABLE switch_state (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     record TEXT NOT NULL
   );`,
  // 4: the recent history of chart topics.
  `CREATE TABLE topic_history (
     topic TEXT NOT NULL,
     t BIGINT NOT NULL,
     v DOUBLE PRECISION NOT NULL,
     PRIMARY KEY (topic, t)
   );`,
  // 5: an operator's acknowledgement may carry a comment.
  `ALTER TABLE acks ADD COLUMN comment TEXT;`,
  // 6: where each audit row came from (older rows: by role).
  `ALTER TABLE audit ADD COLUMN channel TEXT NOT NULL DEFAULT 'rest';
   UPDATE audit SET channel = 'wall' WHERE role = 'wall';`,
  // 7: the automation's last applied occurrence and an operator's hold.
  `CREATE TABLE automation_state (
     key TEXT PRIMARY KEY CHECK (key IN ('applied', 'hold')),
     value TEXT NOT NULL
   );`,
  // 8: CAP 1.2: an alert's shapes; every CAP message taken (seq: the order taken, SQLite's rowid); per CAP alert its end.
  `ALTER TABLE alerts ADD COLUMN areas TEXT;
   CREATE TABLE cap_messages (
     seq BIGSERIAL UNIQUE,
     sender TEXT NOT NULL,
     identifier TEXT NOT NULL,
     sent BIGINT NOT NULL,
     status TEXT NOT NULL,
     msg_type TEXT NOT NULL,
     action TEXT NOT NULL,
     alert_id TEXT,
     received_at BIGINT NOT NULL,
     via TEXT NOT NULL,
     summary TEXT NOT NULL,
     PRIMARY KEY (sender, identifier, sent)
   );
   CREATE INDEX cap_messages_by_time ON cap_messages (received_at);
   CREATE TABLE cap_alerts (
     alert_id TEXT PRIMARY KEY REFERENCES alerts (id),
     sender TEXT NOT NULL,
     identifier TEXT NOT NULL,
     expires_at BIGINT,
     last_sent BIGINT NOT NULL
   );`,
  // 9: the takeover in force and the open takeover prompts.
  `CREATE TABLE takeover_state (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     state TEXT NOT NULL
   );`,
  // 10: each topic's current forecast, the whole Forecast as JSON.
  `CREATE TABLE topic_forecasts (
     topic TEXT PRIMARY KEY,
     forecast TEXT NOT NULL
   );`,
  // 11: the timeline, as SQLite's.
  `CREATE TABLE timeline (
     seq BIGSERIAL PRIMARY KEY,
     at BIGINT NOT NULL,
     kind TEXT NOT NULL,
     subject TEXT NOT NULL,
     what TEXT NOT NULL,
     sector TEXT,
     severity TEXT,
     actor TEXT,
     detail TEXT NOT NULL
   );
   CREATE INDEX timeline_by_time ON timeline (at);`,
  // 12: federation: a forwarded alert's sub-centre; per sub-centre the last forwarded message applied.
  `ALTER TABLE alerts ADD COLUMN origin TEXT;
   CREATE TABLE federation_applied (
     sub_centre TEXT PRIMARY KEY,
     seq BIGINT NOT NULL,
     origin_at BIGINT NOT NULL,
     applied_at BIGINT NOT NULL
   );`,
  // 13: the baseline forecaster's training series, per topic and `every` bucket.
  `CREATE TABLE baseline_samples (
     topic TEXT NOT NULL,
     bucket BIGINT NOT NULL,
     sum DOUBLE PRECISION NOT NULL,
     count INTEGER NOT NULL,
     PRIMARY KEY (topic, bucket)
   );`,
];

export const PG_SCHEMA_VERSION = STEPS.length;
/** The advisory lock key migrations hold ("wall" in ASCII, read as a number). */
const MIGRATION_LOCK = 0x77616c6c;

/** Brings the database up to PG_SCHEMA_VERSION: the steps due and their schema_version rows in one transaction (PostgreSQL DDL is transactional). */
export async function migratePostgres(db: PgDb): Promise<void> {
  await db.unfenced(async (tx) => {
    await tx.run('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.run('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)');
    const [row] = await tx.rows<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_version');
    const current = row?.v ?? 0;
    if (current > STEPS.length) {
      throw new Error(`the PostgreSQL store has schema version ${current}; this hub knows up to ${STEPS.length}: use a newer wallrun`);
    }
    for (let v = current; v < STEPS.length; v++) {
      await tx.run(STEPS[v]!);
      await tx.run('INSERT INTO schema_version (version, applied_at) VALUES ($1, $2)', [v + 1, Date.now()]);
    }
  });
}
