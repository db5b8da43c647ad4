import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../core/protocol/alerts.js';
import { tempDir } from '../../../test/support/hub-fixtures.js';
import type Database from 'better-sqlite3';
import { HubStore } from './store.js';
import type { Actor } from './store-types.js';
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
};
function rewindTo(db: Database.Database, step: number): void {
  for (let v = SCHEMA_VERSION; v > step; v--) db.exec(UNDO_STEP[v]!);
  db.prepare("UPDATE meta SET value = ? WHERE key = 'schema_version'").run(String(step));
}

describe('HubStore', () => {
  const dirs: { remove(): void }[] = [];
  const stores: HubStore[] = [];
  const open = (dir: string) => {
    const s = HubStore.open(dir);
    stores.push(s);
    return s;
  };
  afterEach(() => {
    for (const s of stores.splice(0)) s.destroy();
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

  it('keeps one ack per alert, whatever the retries and operators', () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const store = open(tmp.dir);
    store.alerts.save(alert('a'), 'raise', { ...actor, role: 'integration' }, T);
    const ackId = crypto.randomUUID();
    const first = store.alerts.acknowledge({ ackId, alertId: 'a', at: T + 5 }, actor, T + 10);
    expect(first).toMatchObject({ kind: 'committed', alert: { state: 'acknowledged', acknowledgedBy: 'Lan', ackedAt: T + 5, updatedAt: T + 10 } });
    expect(store.alerts.acknowledge({ ackId, alertId: 'a', at: T + 5 }, actor, T + 20)).toMatchObject({ kind: 'duplicate' });
    expect(store.alerts.acknowledge({ ackId: crypto.randomUUID(), alertId: 'a', at: T }, { ...actor, name: 'Bình' }, T + 30)).toMatchObject({
      kind: 'duplicate',
      record: { ackId, operator: 'Lan' },
    });
    expect(store.alerts.acknowledge({ ackId: crypto.randomUUID(), alertId: 'b', at: T }, actor, T)).toEqual({ kind: 'unknown-alert' });
    store.alerts.save(alert('c'), 'raise', actor, T);
    expect(store.alerts.acknowledge({ ackId, alertId: 'c', at: T }, actor, T)).toEqual({ kind: 'ack-id-reused' });
    expect(store.alerts.countAcks()).toBe(1);
    expect(store.audit.list({ alertId: 'a' }).map((e) => e.action)).toEqual(['ack', 'raise']);
  });

  it('keeps an acknowledged-then-cleared alert cleared, and an ack of a cleared alert leaves it cleared', () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const store = open(tmp.dir);
    store.alerts.save(alert('x', { state: 'cleared', clearedAt: T + 1 }), 'raise', actor, T);
    const r = store.alerts.acknowledge({ ackId: crypto.randomUUID(), alertId: 'x', at: T + 2 }, actor, T + 3);
    expect(r).toMatchObject({ kind: 'committed', alert: { state: 'cleared', acknowledgedBy: 'Lan' } });
  });

  it('survives a reopen: alerts, acks, audit, values, layout; filters and orders by severity then recency', () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const a = open(tmp.dir);
    a.alerts.save(alert('m1', { severity: 'minor', raisedAt: T + 1 }), 'raise', actor, T);
    a.alerts.save(alert('c1', { severity: 'critical', sector: 'emergency' }), 'raise', actor, T);
    a.alerts.save(alert('m2', { severity: 'minor', raisedAt: T + 2, state: 'cleared', clearedAt: T + 3, updatedAt: T + 3 }), 'raise', actor, T);
    a.alerts.acknowledge({ ackId: crypto.randomUUID(), alertId: 'c1', at: T }, actor, T);
    a.topics.saveValues([{ topic: 'a.b', value: { 'tp-ca-mau': 3 }, t: T, receivedAt: T + 1 }]);
    a.layout.save({ commandId: 'k', layout: 'flood', at: T + 1500, issuedAt: T, by: 'Lan' }, actor);
    a.destroy();
    const b = open(tmp.dir);
    expect(b.alerts.list().map((x) => x.id)).toEqual(['c1', 'm2', 'm1']);
    expect(b.alerts.list({ state: ['open'] }).map((x) => x.id)).toEqual(['c1', 'm1']);
    expect(b.alerts.list({ severity: ['minor'], since: T + 3 }).map((x) => x.id)).toEqual(['m2']);
    expect(b.alerts.list({ sector: ['emergency'], state: ['acknowledged'] }).map((x) => x.id)).toEqual(['c1']);
    expect(b.alerts.countOpenBySeverity()).toEqual({ critical: 1, minor: 1 });
    expect(b.topics.loadValues()).toEqual([{ topic: 'a.b', value: { 'tp-ca-mau': 3 }, t: T, receivedAt: T + 1 }]);
    expect(b.layout.load()).toMatchObject({ layout: 'flood' });
    expect(b.audit.list().map((e) => e.action)).toEqual(['layout', 'ack', 'raise', 'raise', 'raise']);
  });

  it('brings a data directory from schema step 2 (presets) up to date (step 3: wall windows, last switch), keeping its data', () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const a = open(tmp.dir);
    a.alerts.save(alert('a'), 'raise', actor, T);
    const db = (a as unknown as { db: Database.Database }).db;
    rewindTo(db, 2);
    a.destroy();
    const b = open(tmp.dir);
    expect(b.alerts.get('a')).toMatchObject({ id: 'a' });
    expect(b.walls.loadWindows()).toEqual([]);
    expect(b.walls.loadSwitch()).toBeNull();
    const version = (b as unknown as { db: Database.Database }).db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get();
    expect(version).toEqual({ value: String(SCHEMA_VERSION) });
    expect(SCHEMA_VERSION).toBe(Object.keys(UNDO_STEP).length + 2);
  });

  it('brings a data directory from schema step 3 up to step 4 (chart history), keeping its last values', () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const a = open(tmp.dir);
    a.topics.saveValues([{ topic: 'a.b', value: 1, t: T, receivedAt: T }]);
    const db = (a as unknown as { db: Database.Database }).db;
    rewindTo(db, 3);
    a.destroy();
    const b = open(tmp.dir);
    expect(b.topics.loadValues()).toEqual([{ topic: 'a.b', value: 1, t: T, receivedAt: T }]);
    expect(b.topics.loadHistory()).toEqual([]);
    b.topics.saveHistory([{ topic: 'a.b', keepFrom: T, rewriteFrom: T, points: [{ t: T, v: 1 }] }]);
    expect(b.topics.loadHistory()).toEqual([{ topic: 'a.b', t: T, v: 1 }]);
  });

  it('brings a data directory from schema step 4 up to step 5 (ack comments): old acks have none, new ones keep theirs', () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const a = open(tmp.dir);
    a.alerts.save(alert('old'), 'raise', actor, T);
    const db = (a as unknown as { db: Database.Database }).db;
    rewindTo(db, 4);
    db.prepare(`INSERT INTO acks (ack_id, alert_id, operator, via, acked_at, committed_at) VALUES ('k1', 'old', 'Lan', 'test-wall', ?, ?)`).run(T, T);
    a.destroy();
    const b = open(tmp.dir);
    expect(b.alerts.getAck('old')).toMatchObject({ ackId: 'k1', operator: 'Lan', comment: null });
    b.alerts.save(alert('new'), 'raise', actor, T);
    b.alerts.acknowledge({ ackId: crypto.randomUUID(), alertId: 'new', at: T, comment: 'Đã báo đội 3' }, actor, T + 1);
    expect(b.alerts.getAck('new')).toMatchObject({ comment: 'Đã báo đội 3' });
    expect(b.audit.list({ alertId: 'new' })[0]).toMatchObject({ action: 'ack', detail: { comment: 'Đã báo đội 3' } });
  });

  it('brings a data directory from schema step 5 up to step 6 (audit channel): old rows get one from their role', () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const a = open(tmp.dir);
    a.alerts.save(alert('w'), 'raise', { name: 'he-thong', role: 'integration', via: 'he-thong', channel: 'rest' }, T);
    a.alerts.acknowledge({ ackId: crypto.randomUUID(), alertId: 'w', at: T }, actor, T + 1);
    a.layout.save({ commandId: 'k', layout: 'flood', at: T + 1500, issuedAt: T + 2, by: 'Lan' }, { name: 'Lan', role: 'operator', via: 'Lan', channel: 'console' });
    rewindTo((a as unknown as { db: Database.Database }).db, 5);
    a.destroy();
    const b = open(tmp.dir);
    expect(b.audit.list().map((e) => [e.action, e.role, e.channel])).toEqual([
      ['layout', 'operator', 'rest'], // the console did not say so before step 6
      ['ack', 'wall', 'wall'],
      ['raise', 'integration', 'rest'],
    ]);
  });

  it('records where each change came from and attempts that did not happen; filters the trail by channel and action', () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const s = open(tmp.dir);
    const lan: Actor = { name: 'Lan', role: 'operator', via: 'Lan', channel: 'console' };
    s.alerts.save(alert('a'), 'raise', { name: 'demo', role: 'integration', via: 'demo', channel: 'hub' }, T);
    s.alerts.acknowledge({ ackId: crypto.randomUUID(), alertId: 'a', at: T + 1, comment: 'Đã xử lý' }, lan, T + 1);
    s.layout.saveFailure({ code: 'switch-busy', reason: 'switch s-1 to "flood" is being prepared', layout: 'overview' }, { ...lan, channel: 'rest' }, T + 2);
    s.audit.write('ack:refused', 'nope', actor, T + 3, { code: 'unknown-alert', reason: 'no alert nope', ackId: 'k' });
    expect(s.audit.list().map((e) => [e.action, e.channel])).toEqual([['ack:refused', 'wall'], ['layout:failed', 'rest'], ['ack', 'console'], ['raise', 'hub']]);
    expect(s.audit.list({ channel: ['console', 'hub'] }).map((e) => e.action)).toEqual(['ack', 'raise']);
    expect(s.audit.list({ action: ['layout:failed', 'ack:refused'], channel: ['rest'] })).toEqual([
      expect.objectContaining({ action: 'layout:failed', actor: 'Lan', detail: { code: 'switch-busy', reason: 'switch s-1 to "flood" is being prepared', layout: 'overview' } }),
    ]);
    expect(s.audit.list({ alertId: 'a', action: ['ack'] })).toHaveLength(1);
  });
  it('keeps the automation\'s last applied occurrence and hold across a reopen, and forgets a released hold', () => {
    const d = tempDir();
    dirs.push(d);
    const a = open(d.dir);
    expect(a.automation.loadApplied()).toBeNull();
    a.automation.saveApplied({ key: 'entry:son-la-17h@1', id: 'son-la-17h', at: T });
    a.automation.saveApplied({ key: 'entry:son-la-17h@2', id: 'son-la-17h', at: T + 1 });
    const hold = { by: 'Lan', target: { layout: 'flood' }, since: T, until: T + 1_800_000 };
    a.automation.saveHold(hold);
    a.destroy();
    const b = open(d.dir);
    expect(b.automation.loadApplied()).toEqual({ key: 'entry:son-la-17h@2', id: 'son-la-17h', at: T + 1 });
    expect(b.automation.loadHold()).toEqual(hold);
    b.automation.saveHold(null);
    expect(b.automation.loadHold()).toBeNull();
  });
});
