// The hub as a separate process (bundled by test/support/hub-process.ts), killed and restarted on
// the same port and data directory: acks made while it is down arrive exactly once, nothing
// committed is lost, and the wall reconnects by itself and gets a fresh snapshot; a window that
// never comes back after a crash is still counted dead.
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PING_INTERVAL_MS, PING_TIMEOUT_MS, PROTOCOL_VERSION } from '../../src/core/protocol/protocol.js';
import { WallClient } from '../../src/renderer/net/wall-client.js';
import { fileStorage } from '../support/file-storage.js';
import { IDENTITY, TOKENS, TOKEN_SPECS, api, nextBusEvent, nextEvent, rawWall, tempDir, until } from '../support/hub-fixtures.js';
import { buildHubEntry, spawnHub, type HubProcess } from '../support/hub-process.js';
import { RecordingSink } from '../support/recording-sink.js';

describe('hub restarts (child process)', () => {
  const hubs: HubProcess[] = [];
  const clients: WallClient[] = [];
  const dirs: { remove(): void }[] = [];

  const start = async (dataDir: string, port = 0): Promise<HubProcess> => {
    const hub = await spawnHub({ port, dataDir, tokens: TOKEN_SPECS, flushMs: 100 });
    hubs.push(hub);
    return hub;
  };
  const wall = (url: string, storageFile: string) => {
    const sink = new RecordingSink();
    const client = new WallClient({
      url,
      token: TOKENS.wall,
      identity: IDENTITY,
      sink,
      storage: fileStorage(storageFile),
      config: { reconnect: { baseMs: 100, maxMs: 400 }, ack: { retryBaseMs: 100, retryMaxMs: 400, timeoutMs: 2000 } },
    });
    clients.push(client);
    client.init();
    return { client, sink };
  };

  beforeAll(async () => {
    await buildHubEntry();
  }, 60_000);
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await Promise.all(hubs.splice(0).map((h) => h.stop()));
    for (const d of dirs.splice(0)) d.remove();
  });

  it('delivers an ack made while the hub is down exactly once after it returns, across a wall reload', async () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const storageFile = path.join(tmp.dir, 'wall-storage.json');
    const dataDir = path.join(tmp.dir, 'hub');
    const hub1 = await start(dataDir);
    const raised = await api(hub1.url, 'POST', '/api/alerts', TOKENS.integration, {
      id: 'flood-ganh-hao-1', severity: 'major', sector: 'flood', area: 'Sông Gành Hào', title: 'Mực nước sông Gành Hào vượt báo động I',
    });
    expect(raised.status).toBe(201);

    const first = wall(hub1.url, storageFile);
    const snap = await nextEvent(first.sink, 'snapshot');
    expect(snap.alerts.map((a: { id: string }) => a.id)).toEqual(['flood-ganh-hao-1']);

    await hub1.kill(); // a crash: SIGKILL
    await nextEvent(first.sink, 'state', (s) => s.state === 'reconnecting');
    const pending = first.client.acknowledge('flood-ganh-hao-1', 'Lê Thị Hoa', 'r1c1');
    const stored = JSON.parse(fileStorage(storageFile).getItem('wallrun.acks.v1.node-1.w1')!) as { ackId: string }[];
    expect(stored.map((a) => a.ackId)).toEqual([pending.ackId]); // persisted before any attempt

    // The wall reloads while the hub is still down: the pending ack comes back from storage.
    first.client.destroy();
    const second = wall(hub1.url, storageFile);
    expect(second.client.pendingAcks().map((a) => a.ackId)).toEqual([pending.ackId]);
    const confirmed = nextBusEvent(second.client.bus, 'ackConfirmed', () => true, 20_000);

    const hub2 = await start(dataDir, hub1.port);
    const c = await confirmed;
    expect(c.ack.ackId).toBe(pending.ackId);
    expect(c.result).toMatchObject({ ok: true, committed: true, duplicate: false });
    await until(() => second.client.pendingAcks().length === 0, 'empty queue');
    expect(JSON.parse(fileStorage(storageFile).getItem('wallrun.acks.v1.node-1.w1')!)).toEqual([]);

    // A retry of the same ack (as after a lost confirmation) is confirmed as a duplicate, not stored twice.
    const raw = rawWall(hub2.url);
    await nextEvent(raw, 'snapshot');
    const again = await raw.timeout(5000).emitWithAck('ack', {
      ackId: pending.ackId, alertId: 'flood-ganh-hao-1', operator: 'Lê Thị Hoa', screen: 'r1c1', at: pending.at,
    });
    raw.disconnect();
    expect(again).toMatchObject({ ok: true, committed: true, duplicate: true });

    const detail = await api(hub2.url, 'GET', '/api/alerts/flood-ganh-hao-1', TOKENS.operator);
    expect(detail.body.alert).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'Lê Thị Hoa', ackedAt: pending.at });
    expect(detail.body.audit.filter((a: { action: string }) => a.action === 'ack')).toEqual([
      expect.objectContaining({ actor: 'Lê Thị Hoa', role: 'wall', via: 'test-wall', node: 'node-1', window: 'w1', screen: 'r1c1' }),
    ]);
    const db = new Database(path.join(dataDir, 'hub.sqlite'), { readonly: true });
    try {
      expect(db.prepare('SELECT COUNT(*) AS n FROM acks WHERE alert_id = ?').get('flood-ganh-hao-1')).toEqual({ n: 1 });
      expect(db.prepare("SELECT COUNT(*) AS n FROM audit WHERE action = 'ack'").get()).toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });

  it('notices a frozen hub within pingInterval + pingTimeout, and reconnects when it thaws', async () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const hub = await start(path.join(tmp.dir, 'hub'));
    const w = wall(hub.url, path.join(tmp.dir, 'storage.json'));
    await nextEvent(w.sink, 'snapshot');
    const frozenAt = Date.now();
    hub.child.kill('SIGSTOP'); // the process is alive, the link is dead: no FIN, no RST, no pings
    try {
      const lost = await nextEvent(w.sink, 'state', (s) => s.state === 'reconnecting', 12_000);
      expect(lost.reason).toBe('ping timeout');
      expect(Date.now() - frozenAt).toBeLessThanOrEqual(PING_INTERVAL_MS + PING_TIMEOUT_MS + 1000);
    } finally {
      hub.child.kill('SIGCONT');
    }
    await nextEvent(w.sink, 'snapshot', () => true, 20_000);
    expect(w.client.state).toBe('connected');
  }, 40_000);

  it('loses no alert, ack, value or layout across a crash and a clean restart; the wall reconnects to a snapshot', async () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const dataDir = path.join(tmp.dir, 'hub');
    const hub1 = await start(dataDir);
    const severities = ['critical', 'major', 'minor', 'warning', 'info'] as const;
    for (const [i, severity] of severities.entries()) {
      const r = await api(hub1.url, 'POST', '/api/alerts', TOKENS.integration, {
        id: `a-${i}`, severity, sector: 'security', area: 'TP Cà Mau', title: `Sự cố số ${i}`, message: 'Chi tiết\nnhiều dòng',
      });
      expect(r.status).toBe(201);
    }
    expect((await api(hub1.url, 'POST', '/api/alerts/a-0/ack', TOKENS.operator, { screen: 'r2c3' })).status).toBe(200);
    expect((await api(hub1.url, 'POST', '/api/alerts/a-1/ack', TOKENS.operator, {})).status).toBe(200);
    expect((await api(hub1.url, 'POST', '/api/alerts/a-4/clear', TOKENS.integration, { reason: 'hết hiệu lực' })).status).toBe(200);
    expect((await api(hub1.url, 'POST', '/api/layout', TOKENS.operator, { layout: 'flood' })).status).toBe(202);
    const w = wall(hub1.url, path.join(tmp.dir, 'storage.json'));
    await nextEvent(w.sink, 'snapshot');
    const ackByWall = nextBusEvent(w.client.bus, 'ackConfirmed');
    w.client.acknowledge('a-2', 'Phạm Minh Tuấn', 'r1c2');
    await ackByWall;
    const before = await api(hub1.url, 'GET', '/api/alerts', TOKENS.operator);
    const auditBefore = await api(hub1.url, 'GET', '/api/audit', TOKENS.operator);

    await hub1.kill();
    await nextEvent(w.sink, 'state', (s) => s.state === 'reconnecting');
    const hub2 = await start(dataDir, hub1.port);
    const snap = await nextEvent(w.sink, 'snapshot', () => true, 20_000);
    expect(snap.alerts.map((a: { id: string }) => a.id).sort()).toEqual(['a-0', 'a-1', 'a-2', 'a-3']);
    expect(snap.layout).toMatchObject({ layout: 'flood', by: 'Nguyễn Thị Lan' });
    const after = await api(hub2.url, 'GET', '/api/alerts', TOKENS.operator);
    expect(after.body.alerts).toEqual(before.body.alerts);
    expect((await api(hub2.url, 'GET', '/api/audit', TOKENS.operator)).body.audit).toEqual(auditBefore.body.audit);

    // A value published now survives a clean stop (SIGTERM flushes the last values).
    await api(hub2.url, 'POST', '/api/data', TOKENS.integration, { updates: [{ topic: 'flood.rainfall.u-minh', value: 87.5 }] });
    await hub2.stop();
    const hub3 = await start(dataDir, hub1.port);
    const snap3 = await nextEvent(w.sink, 'snapshot', (s) => s.values.length > 0, 20_000);
    expect(snap3.values).toEqual([expect.objectContaining({ topic: 'flood.rainfall.u-minh', value: 87.5 })]);
    const topics = await api(hub3.url, 'GET', '/api/topics?values=true', TOKENS.operator);
    expect(topics.body.topics).toEqual([expect.objectContaining({ topic: 'flood.rainfall.u-minh', value: 87.5 })]);
  });

  it('after a crash, counts a window that never came back as dead after the grace period, and keeps the last switch', async () => {
    const tmp = tempDir();
    dirs.push(tmp);
    const dataDir = path.join(tmp.dir, 'hub');
    const options = { dataDir, tokens: TOKEN_SPECS, deadScreenGraceMs: 500, deadCheckMs: 50 };
    const hub1 = await spawnHub(options);
    hubs.push(hub1);
    const auth = (identity: { node: string; window: string; screens: string[] }) => ({ token: TOKENS.wall, protocol: PROTOCOL_VERSION, identity });
    const n1 = rawWall(hub1.url, auth(IDENTITY));
    const n2 = rawWall(hub1.url, auth({ node: 'node-2', window: 'w1', screens: ['r2c1'] }));
    for (const s of [n1, n2]) {
      const seen = nextEvent(s, 'degraded');
      s.connect();
      await seen;
    }
    expect((await api(hub1.url, 'POST', '/api/layout', TOKENS.operator, { layout: 'flood' })).status).toBe(202);
    const lastSwitch = (await api(hub1.url, 'GET', '/api/walls', TOKENS.operator)).body.lastSwitch;
    expect(lastSwitch).toMatchObject({ layout: 'flood', state: 'committed' });

    await hub1.kill(); // SIGKILL: nothing written on the way down
    n1.disconnect();
    n2.disconnect();
    const hub2 = await spawnHub(options);
    hubs.push(hub2);
    const back = rawWall(hub2.url, auth(IDENTITY));
    // (That node-2 first gets a grace period is the in-process test's, on the test's clock.)
    const gone = nextEvent(back, 'degraded', (d: { deadScreens: string[] }) => d.deadScreens.length > 0);
    back.connect();
    try {
      expect((await gone).deadScreens).toEqual(['r2c1']);
      const walls = (await api(hub2.url, 'GET', '/api/walls', TOKENS.operator)).body;
      expect(walls.deadScreens).toEqual(['r2c1']);
      expect(walls.lastSwitch).toEqual(lastSwitch);
    } finally {
      back.disconnect();
    }
  });
});
