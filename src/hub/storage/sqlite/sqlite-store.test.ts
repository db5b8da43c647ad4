// The SQLite backend's own cases: WAL with synchronous=FULL, and a data directory written by an older
// hub brought up to date step by step (store-schema.ts). What both backends do: ../store.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../core/protocol/alerts.js';
import { tempDir } from '../../../../test/support/hub-fixtures.js';
import type Database from 'better-sqlite3';
import { SqliteStore } from './sqlite-store.js';
import type { Actor } from '../store-types.js';
import { SCHEMA_VERSION } from './store-schema.js';
const T = 1_750_000_000_000;
const actor: Actor = { name: 'Lan', role: 'wall', via: 'test-wall', channel: 'wall', node: 'node-1', window: 'w1', screen: 'r1c1' };
const alert = (id: string, extra: Partial<Alert> = {}): Alert => ({
  id, severity: 'major', sector: 'flood', area: 'Cà Mau', source: 'thuy-van', title: 'Mực nước cao', message: '', state: 'active',
  raisedAt: T, updatedAt: T, ...extra,
});

/** What each schema step added, dropped again to make the data directory an older hub wrote. */
const UNDO_STEP: Record<number, string> = {
  3: 'DROP TABLE wall_windows; DROP TABLE switch_state;',
  4: 'DROP TABLE topic_history;',
  5: 'ALTER TABLE acks DROP COLUMN comment;',
  6: 'ALTER TABLE audit DROP COLUMN channel;',
  7: 'DROP TABLE automation_state;',
  8: 'DROP TABLE cap_alerts; DROP TABLE cap_messages; ALTER TABLE alerts DROP COLUMN areas;',
  9: 'DROP TABLE takeover_state;',
  10: 'DROP TABLE topic_forecasts;',
  11: 'DROP TABLE timeline;',
  12: 'DROP TABLE federation_applied; ALTER TABLE alerts DROP COLUMN origin;',
  13: 'DROP TABLE baseline_samples;',
};
function rewindTo(db: Database.Database, step: number): void {
  for (let v = SCHEMA_VERSION; v > step; v--) db.exec(UNDO_STEP[v]!);
  db.prepare("UPDATE meta SET value = ? WHERE key = 'schema_version'").run(String(step));
}

describe('SqliteStore', () => {
  const dirs: { remove(): void }[] = [];
  const stores: SqliteStore[] = [];
  const open = (dir: string) => {
    const s = SqliteStore.open(dir);
    stores.push(s);
    return s;
  };
  afterEach(() => {
    for (const s of stores.splice(0)) void s.destroy();
    for (const d of dirs.splice(0)) d.remove();
  });

  it('uses WAL with synchronous=FULL', () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const store = open(tmp.dir);
    const db = (store as unknown as { db: { pragma(s: string, o: { simple: true }): unknown } }).db;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
  });

  it('brings a data directory from schema step 2 (presets) up to date (step 3: wall windows, last switch), keeping its data', async () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const a = open(tmp.dir);
    await a.alerts.save(alert('a'), 'raise', actor, T);
    const db = (a as unknown as { db: Database.Database }).db;
    rewindTo(db, 2);
    await a.destroy();
    const b = open(tmp.dir);
    expect(await b.alerts.get('a')).toMatchObject({ id: 'a' });
    expect(await b.walls.loadWindows()).toEqual([]);
    expect(await b.walls.loadSwitch()).toBeNull();
    const version = (b as unknown as { db: Database.Database }).db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get();
    expect(version).toEqual({ value: String(SCHEMA_VERSION) });
    expect(SCHEMA_VERSION).toBe(Object.keys(UNDO_STEP).length + 2);
  });

  it('brings a data directory from schema step 3 up to step 4 (chart history), keeping its last values', async () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const a = open(tmp.dir);
    await a.topics.saveValues([{ topic: 'a.b', value: 1, t: T, receivedAt: T }]);
    const db = (a as unknown as { db: Database.Database }).db;
    rewindTo(db, 3);
    await a.destroy();
    const b = open(tmp.dir);
    expect(await b.topics.loadValues()).toEqual([{ topic: 'a.b', value: 1, t: T, receivedAt: T }]);
    expect(await b.topics.loadHistory()).toEqual([]);
    await b.topics.saveHistory([{ topic: 'a.b', keepFrom: T, rewriteFrom: T, points: [{ t: T, v: 1 }] }]);
    expect(await b.topics.loadHistory()).toEqual([{ topic: 'a.b', t: T, v: 1 }]);
  });

  it('brings a data directory from schema step 4 up to step 5 (ack comments): old acks have none, new ones keep theirs', async () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const a = open(tmp.dir);
    await a.alerts.save(alert('old'), 'raise', actor, T);
    const db = (a as unknown as { db: Database.Database }).db;
    rewindTo(db, 4);
    db.prepare(`INSERT INTO acks (ack_id, alert_id, operator, via, acked_at, committed_at) VALUES ('k1', 'old', 'Lan', 'test-wall', ?, ?)`).run(T, T);
    await a.destroy();
    const b = open(tmp.dir);
    expect(await b.alerts.getAck('old')).toMatchObject({ ackId: 'k1', operator: 'Lan', comment: null });
    await b.alerts.save(alert('new'), 'raise', actor, T);
    await b.alerts.acknowledge({ ackId: crypto.randomUUID(), alertId: 'new', at: T, comment: 'Đã báo đội 3' }, actor, T + 1);
    expect(await b.alerts.getAck('new')).toMatchObject({ comment: 'Đã báo đội 3' });
    expect((await b.audit.list({ alertId: 'new' }))[0]).toMatchObject({ action: 'ack', detail: { comment: 'Đã báo đội 3' } });
  });

  it('brings a data directory from schema step 5 up to step 6 (audit channel): old rows get one from their role', async () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const a = open(tmp.dir);
    await a.alerts.save(alert('w'), 'raise', { name: 'he-thong', role: 'integration', via: 'he-thong', channel: 'rest' }, T);
    await a.alerts.acknowledge({ ackId: crypto.randomUUID(), alertId: 'w', at: T }, actor, T + 1);
    await a.layout.save({ commandId: 'k', layout: 'flood', at: T + 1500, issuedAt: T + 2, by: 'Lan' }, { name: 'Lan', role: 'operator', via: 'Lan', channel: 'console' });
    rewindTo((a as unknown as { db: Database.Database }).db, 5);
    await a.destroy();
    const b = open(tmp.dir);
    expect((await b.audit.list()).map((e) => [e.action, e.role, e.channel])).toEqual([
      ['layout', 'operator', 'rest'], // the console did not say so before step 6
      ['ack', 'wall', 'wall'],
      ['raise', 'integration', 'rest'],
    ]);
  });
});
