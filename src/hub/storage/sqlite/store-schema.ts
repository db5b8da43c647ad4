/**
 * The SQLite schema of the hub's store, applied in numbered steps recorded in `meta.schema_version`,
 * so a data directory written by an older hub is brought up to date on start.
 */
import type Database from 'better-sqlite3';

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
     raised_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     acknowledged_by TEXT,
     acked_at INTEGER,
     cleared_at INTEGER
   );
   CREATE INDEX alerts_by_state ON alerts (state, raised_at);
   CREATE INDEX alerts_by_update ON alerts (updated_at);
   CREATE TABLE acks (
     ack_id TEXT NOT NULL UNIQUE,
     alert_id TEXT NOT NULL UNIQUE REFERENCES alerts (id),
     operator TEXT NOT NULL,
     screen TEXT,
     node TEXT,
     window TEXT,
     via TEXT NOT NULL,
     acked_at INTEGER NOT NULL,
     committed_at INTEGER NOT NULL
   );
   CREATE TABLE audit (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     at INTEGER NOT NULL,
     action TEXT NOT NULL,
     alert_id TEXT,
     actor TEXT NOT NULL,
     role TEXT NOT NULL,
     via TEXT NOT NULL,
     node TEXT,
     window TEXT,
     screen TEXT,
     detail TEXT
   );
   CREATE INDEX audit_by_alert ON audit (alert_id, seq);
   CREATE TABLE topic_values (
     topic TEXT PRIMARY KEY,
     value TEXT NOT NULL,
     t INTEGER NOT NULL,
     received_at INTEGER NOT NULL
   );
   CREATE TABLE layout_state (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     command TEXT NOT NULL
   );`,
  // 2: presets (src/hub/storage/preset-store.ts): one row per preset, the whole preset as JSON.
  `CREATE TABLE presets (
     id TEXT PRIMARY KEY,
     preset TEXT NOT NULL,
     version INTEGER NOT NULL CHECK (version >= 1),
     updated_at INTEGER NOT NULL
   );`,
  // 3: the wall windows the hub has seen and the last layout switch (src/hub/storage/wall-store.ts), so a
  // restarted hub still counts a window that never came back as dead, and still shows the switch.
  `CREATE TABLE wall_windows (
     node TEXT NOT NULL,
     window TEXT NOT NULL,
     screens TEXT NOT NULL,
     token TEXT NOT NULL,
     address TEXT,
     connected_at INTEGER,
     gone_at INTEGER,
     disconnect_reason TEXT,
     health TEXT,
     last_switch TEXT,
     PRIMARY KEY (node, window)
   );
   CREATE TABLE switch_state (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     record TEXT NOT NULL
   );`,
  // 4: the recent history of chart topics (src/hub/topic-history.ts), so a restarted hub still gives
  // walls their charts' whole window: per point its time and the number the chart draws.
  `CREATE TABLE topic_history (
     topic TEXT NOT NULL,
     t INTEGER NOT NULL,
     v REAL NOT NULL,
     PRIMARY KEY (topic, t)
   ) WITHOUT ROWID;`,
  // 5: an operator's acknowledgement may carry a comment (POST /api/alerts/:id/ack `comment`); older acks have none.
  `ALTER TABLE acks ADD COLUMN comment TEXT;`,
  // 6: where each audit row came from (core/protocol/audit.ts AuditChannel). Older rows did not say;
  // the best guess is by role: a wall's were made on a wall screen, any other came over REST.
  `ALTER TABLE audit ADD COLUMN channel TEXT NOT NULL DEFAULT 'rest';
   UPDATE audit SET channel = 'wall' WHERE role = 'wall';`,
  // 7: the automation's state (src/hub/storage/automation-store.ts): the last schedule or rotation
  // occurrence applied (a restarted hub applies a missed one once) and an operator's hold.
  `CREATE TABLE automation_state (
     key TEXT PRIMARY KEY CHECK (key IN ('applied', 'hold')),
     value TEXT NOT NULL
   );`,
  // 8: CAP 1.2 warnings (src/hub/cap/, storage/cap-store.ts): an alert's shapes (Alert.areas, JSON);
  // every CAP message taken (once per sender, identifier, sent), Actual or not; and per CAP alert
  // its identity and when it expires, so a restarted hub still clears it on time.
  `ALTER TABLE alerts ADD COLUMN areas TEXT;
   CREATE TABLE cap_messages (
     sender TEXT NOT NULL,
     identifier TEXT NOT NULL,
     sent INTEGER NOT NULL,
     status TEXT NOT NULL,
     msg_type TEXT NOT NULL,
     action TEXT NOT NULL,
     alert_id TEXT,
     received_at INTEGER NOT NULL,
     via TEXT NOT NULL,
     summary TEXT NOT NULL,
     PRIMARY KEY (sender, identifier, sent)
   );
   CREATE INDEX cap_messages_by_time ON cap_messages (received_at);
   CREATE TABLE cap_alerts (
     alert_id TEXT PRIMARY KEY REFERENCES alerts (id),
     sender TEXT NOT NULL,
     identifier TEXT NOT NULL,
     expires_at INTEGER,
     last_sent INTEGER NOT NULL
   );`,
  // 9: the takeover in force and the open takeover prompts (src/hub/storage/automation-store.ts), so a
  // restarted hub resumes them (a takeover whose alerts were done meanwhile returns at start).
  `CREATE TABLE takeover_state (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     state TEXT NOT NULL
   );`,
  // 10: each topic's current forecast (src/hub/forecasts.ts), the whole Forecast as JSON.
  `CREATE TABLE topic_forecasts (
     topic TEXT PRIMARY KEY,
     forecast TEXT NOT NULL
   );`,
  // 11: the timeline (src/hub/timeline/): what happened, for replay and the handover report; pruned by age.
  `CREATE TABLE timeline (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     at INTEGER NOT NULL,
     kind TEXT NOT NULL,
     subject TEXT NOT NULL,
     what TEXT NOT NULL,
     sector TEXT,
     severity TEXT,
     actor TEXT,
     detail TEXT NOT NULL
   );
   CREATE INDEX timeline_by_time ON timeline (at);`,
  // 12: federation (docs/federation.md): a forwarded alert's sub-centre, and per sub-centre the last
  // forwarded message applied (its sequence), so a message delivered again is skipped.
  `ALTER TABLE alerts ADD COLUMN origin TEXT;
   CREATE TABLE federation_applied (
     sub_centre TEXT PRIMARY KEY,
     seq INTEGER NOT NULL,
     origin_at INTEGER NOT NULL,
     applied_at INTEGER NOT NULL
   );`,
  // 13: the baseline forecaster's training series (src/hub/forecaster/): per topic, the values of
  // each `every` bucket summed and counted, for `trainDays` (pruned by age).
  `CREATE TABLE baseline_samples (
     topic TEXT NOT NULL,
     bucket INTEGER NOT NULL,
     sum REAL NOT NULL,
     count INTEGER NOT NULL,
     PRIMARY KEY (topic, bucket)
   );`,
];

export const SCHEMA_VERSION = STEPS.length;

export function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
  const current = row ? Number(row.value) : 0;
  if (current > STEPS.length) {
    throw new Error(`hub.sqlite has schema version ${current}; this hub knows up to ${STEPS.length}: use a newer wallrun`);
  }
  for (let v = current; v < STEPS.length; v++) {
    db.transaction(() => {
      db.exec(STEPS[v]!);
      db.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .run(String(v + 1));
    })();
  }
}
