// Conformance of the hub to docs/protocol.md, spoken on the wire with a raw socket.io client (not
// our wall client): handshake and refusals, heartbeat settings, snapshot, batch sequence, resync,
// ack replies, clock pings, alert / layout / late broadcasts, health, hostile input, chart history.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Layout } from '../../src/core/wall/model.js';
import { PING_INTERVAL_MS, PING_TIMEOUT_MS, PROTOCOL_VERSION, type UpdateBatch } from '../../src/core/protocol/protocol.js';
import { checkAlert, checkLateTopics, checkLayoutCommand, checkSnapshot, checkUpdateBatch } from '../../src/core/protocol/protocol-validate.js';
import { SqliteStore } from '../../src/hub/storage/sqlite/sqlite-store.js';
import { IDENTITY, TOKENS, api, nextEvent, rawWall, tempDir, testHub, until, type RawWallSocket } from '../support/hub-fixtures.js';

type TestHub = Awaited<ReturnType<typeof testHub>>;

const layout = (tiles: Layout['tiles']): Layout => ({
  file: 'layouts/overview.yaml',
  id: 'overview',
  title: { vi: 'Tổng quan', en: 'Overview' },
  theme: 'control-room-dark',
  subdivision: { columns: 1, rows: 1 },
  tiles,
});
const kpi = (id: string, topic: string, freshness: Layout['tiles'][number]['freshness']): Layout['tiles'][number] => ({
  id, widget: 'kpi', cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }, z: 0, topics: [topic], priority: 'normal', props: {},
  ...(freshness ? { freshness } : {}),
});

describe('hub conformance (raw socket.io client)', () => {
  let hub: TestHub;
  const sockets: RawWallSocket[] = [];
  const open = (auth?: Record<string, unknown>): RawWallSocket => {
    const s = rawWall(hub.url, auth);
    sockets.push(s);
    return s;
  };
  const connected = async (auth?: Record<string, unknown>) => {
    const s = open(auth);
    const snapshot = await nextEvent(s, 'snapshot');
    return { s, snapshot };
  };

  beforeEach(async () => {
    hub = await testHub();
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await hub.cleanup();
  });

  describe('handshake', () => {
    const refusal = async (auth: Record<string, unknown> | undefined) => {
      const err = await nextEvent<Error & { data: { code: string; protocol: number } }>(open(auth ?? {}), 'connect_error');
      expect(err.message).toBe(err.data.code);
      expect(err.data.protocol).toBe(PROTOCOL_VERSION);
      return err.data.code;
    };
    const ok = { token: TOKENS.wall, protocol: PROTOCOL_VERSION, identity: IDENTITY };

    it('refuses a missing or unknown token, a non-wall role, another protocol version, a malformed identity', async () => {
      expect(await refusal(undefined)).toBe('unauthorized');
      expect(await refusal({ ...ok, token: 'x'.repeat(40) })).toBe('unauthorized');
      expect(await refusal({ ...ok, token: TOKENS.operator })).toBe('forbidden');
      expect(await refusal({ ...ok, token: TOKENS.integration })).toBe('forbidden');
      expect(await refusal({ ...ok, protocol: 2 })).toBe('protocol-mismatch');
      expect(await refusal({ ...ok, identity: { node: 'node-1', window: 'w1' } })).toBe('bad-handshake');
      expect(await refusal({ ...ok, identity: { ...IDENTITY, screens: ['<b>'] } })).toBe('bad-handshake');
      expect(await refusal({ ...ok, extra: true })).toBe('bad-handshake');
      const metrics = await api(hub.url, 'GET', '/metrics', null);
      expect(metrics.body).toContain('wallrun_connects_refused_total{reason="unauthorized"} 2');
    });

    it('announces a heartbeat that notices a dead link within 10 s', async () => {
      const res = await fetch(`${hub.url}/socket.io/?EIO=4&transport=polling`);
      const open = JSON.parse((await res.text()).slice(1)) as { pingInterval: number; pingTimeout: number };
      expect(open).toMatchObject({ pingInterval: PING_INTERVAL_MS, pingTimeout: PING_TIMEOUT_MS });
      expect(open.pingInterval + open.pingTimeout).toBeLessThanOrEqual(10_000);
    });

    it('drops a wall that stops answering pings within pingInterval + pingTimeout', async () => {
      const { s } = await connected();
      await until(async () => (await api(hub.url, 'GET', '/api/walls', TOKENS.operator)).body.walls[0]?.connected, 'wall listed');
      const frozenAt = Date.now();
      (s.io.engine as unknown as { _sendPacket: () => void })._sendPacket = () => undefined; // no more pongs
      const walls = await until(async () => {
        const w = (await api(hub.url, 'GET', '/api/walls', TOKENS.operator)).body.walls;
        return w[0]?.connected === false ? w : null;
      }, 'the hub to drop the wall', 12_000, 100);
      expect(Date.now() - frozenAt).toBeLessThanOrEqual(PING_INTERVAL_MS + PING_TIMEOUT_MS + 1000);
      expect(walls[0].disconnectReason).toBe('ping timeout');
    }, 20_000);
  });

  it('sends a valid snapshot first, then batches numbered from snapshot.seq + 1 without gaps', async () => {
    const { s, snapshot } = await connected();
    expect(checkSnapshot(snapshot).ok).toBe(true);
    expect(snapshot).toMatchObject({ protocol: PROTOCOL_VERSION, seq: 0, values: [], alerts: [], late: [], layout: null });
    const batches: UpdateBatch[] = [];
    s.on('updates', (b) => batches.push(b));
    for (let i = 0; i < 5; i++) {
      const r = await api(hub.url, 'POST', '/api/data', TOKENS.integration, {
        updates: [{ topic: 'traffic.speed.ca-mau.average', value: 30 + i }, { topic: 'camau.public-service.files-by-district', value: { 'tp-ca-mau': i } }],
      });
      expect(r.status).toBe(202);
    }
    await until(() => batches.flatMap((b) => b.updates).length === 10, '10 updates');
    expect(batches.every((b) => checkUpdateBatch(b).ok)).toBe(true);
    expect(batches.map((b) => b.seq)).toEqual(batches.map((_, i) => i + 1));
    expect(batches.flatMap((b) => b.updates).filter((u) => u.topic === 'traffic.speed.ca-mau.average').map((u) => u.value)).toEqual([30, 31, 32, 33, 34]);

    // snapshot:request → a snapshot carrying the seq of the last batch sent and the latest values.
    s.emit('snapshot:request', { reason: 'gap', lastSeq: 3 });
    const again = await nextEvent(s, 'snapshot');
    expect(again.seq).toBe(batches.at(-1)!.seq);
    expect(again.values).toEqual(expect.arrayContaining([expect.objectContaining({ topic: 'traffic.speed.ca-mau.average', value: 34 })]));
  });

  describe('ack', () => {
    const ack = (alertId: string, extra: Record<string, unknown> = {}) => ({
      ackId: crypto.randomUUID(), alertId, operator: 'Võ Thị Sáu', screen: 'r1c1', at: Date.now(), ...extra,
    });
    const raise = (id: string) =>
      api(hub.url, 'POST', '/api/alerts', TOKENS.integration, { id, severity: 'major', sector: 'traffic', area: 'QL1', title: 'Ùn tắc' });

    it('replies after the commit; the same alert acknowledged again is one record', async () => {
      await raise('t-1');
      const { s } = await connected();
      const other = (await connected()).s;
      const broadcast = nextEvent(other, 'alert:acknowledged');
      const first = ack('t-1');
      const r1 = await s.timeout(5000).emitWithAck('ack', first as never);
      expect(r1).toMatchObject({ ok: true, committed: true, duplicate: false, alert: { id: 't-1', state: 'acknowledged', acknowledgedBy: 'Võ Thị Sáu' } });
      expect(checkAlert((await broadcast)).ok).toBe(true);
      expect(await s.timeout(5000).emitWithAck('ack', first as never)).toMatchObject({ ok: true, committed: true, duplicate: true });
      expect(await s.timeout(5000).emitWithAck('ack', ack('t-1', { operator: 'Người khác' }) as never)).toMatchObject({ duplicate: true });
      const detail = await api(hub.url, 'GET', '/api/alerts/t-1', TOKENS.operator);
      expect(detail.body.ack).toMatchObject({ ackId: first.ackId, operator: 'Võ Thị Sáu' });
      expect(detail.body.audit.filter((a: { action: string }) => a.action === 'ack')).toHaveLength(1);
    });

    it('refuses unknown alerts, screens of other windows and malformed acks, permanently', async () => {
      await raise('t-2');
      const { s } = await connected();
      const send = (payload: unknown) => s.timeout(5000).emitWithAck('ack', payload as never);
      expect(await send(ack('nope'))).toMatchObject({ ok: false, reason: 'unknown-alert', permanent: true });
      expect(await send(ack('t-2', { screen: 'r3c6' }))).toMatchObject({ ok: false, reason: 'forbidden', permanent: true });
      for (const bad of [
        ack('t-2', { ackId: 'not-a-uuid' }),
        ack('t-2', { at: '2025-01-01' }),
        ack('t-2', { operator: 'x'.repeat(10_000) }),
        ack('t-2', { admin: true }),
        'ack',
        null,
      ]) {
        expect(await send(bad)).toMatchObject({ ok: false, reason: 'invalid', permanent: true });
      }
      expect((await api(hub.url, 'GET', '/api/alerts/t-2', TOKENS.operator)).body.alert.state).toBe('active');
      (s.emit as (...a: unknown[]) => void)('ack', ack('t-2')); // no reply channel: ignored, never half-done
      await s.timeout(5000).emitWithAck('clock:ping', Date.now()); // the hub has handled the line above
      expect((await api(hub.url, 'GET', '/api/alerts/t-2', TOKENS.operator)).body.alert.state).toBe('active');
      // The well-formed refusals are in the audit, from the wall; malformed payloads are not (they name nothing reliably).
      const refused = (await api(hub.url, 'GET', '/api/audit?action=ack:refused&channel=wall', TOKENS.operator)).body.audit;
      expect(refused.map((e: { alertId: string; actor: string; screen: string; detail: { code: string; reason: string } }) => [e.alertId, e.actor, e.screen, e.detail.code, e.detail.reason])).toEqual([
        ['t-2', 'Võ Thị Sáu', 'r3c6', 'forbidden', 'screen r3c6 is not shown by this window'],
        ['nope', 'Võ Thị Sáu', 'r1c1', 'unknown-alert', 'no alert nope'],
      ]);
    });
  });

  it('answers clock pings with its time and echoes t0', async () => {
    const { s } = await connected();
    const before = Date.now();
    const pong = await s.timeout(5000).emitWithAck('clock:ping', 12345.5);
    expect(pong.t0).toBe(12345.5);
    expect(pong.hubTime).toBeGreaterThanOrEqual(before);
    expect(pong.hubTime).toBeLessThanOrEqual(Date.now());
  });

  it('broadcasts alert changes and layout switches to every wall', async () => {
    const a = (await connected()).s;
    const b = (await connected()).s;
    const raisedA = nextEvent(a, 'alert:raised');
    const raisedB = nextEvent(b, 'alert:raised');
    await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, { id: 'e-1', severity: 'critical', sector: 'emergency', area: 'Năm Căn', title: 'Sơ tán dân' });
    expect((await raisedA).id).toBe('e-1');
    expect(checkAlert(await raisedB).ok).toBe(true);
    const updated = nextEvent(a, 'alert:updated');
    await api(hub.url, 'PATCH', '/api/alerts/e-1', TOKENS.integration, { message: 'Đã di dời 35 hộ' });
    expect((await updated).message).toBe('Đã di dời 35 hộ');
    const cleared = nextEvent(b, 'alert:cleared');
    await api(hub.url, 'POST', '/api/alerts/e-1/clear', TOKENS.integration, {});
    expect((await cleared).clearedAt).toBeTypeOf('number');

    const sw = nextEvent(a, 'layout:switch');
    const before = Date.now();
    await api(hub.url, 'POST', '/api/layout', TOKENS.operator, { layout: 'traffic', leadMs: 2000 });
    const cmd = await sw;
    expect(checkLayoutCommand(cmd).ok).toBe(true);
    expect(cmd.at - cmd.issuedAt).toBe(2000);
    expect(cmd.issuedAt).toBeGreaterThanOrEqual(before);
    expect((await connected()).snapshot.layout).toEqual(cmd); // a wall joining later gets it in the snapshot
  });

  it('records health reports and layout-switched reports; ignores malformed ones', async () => {
    const { s } = await connected();
    const good = { at: Date.now(), layout: 'overview', fps: 60, changedFps: 4.5, memory: { usedMB: 512 }, streams: [{ tile: 'cam-01', state: 'playing' as const, since: Date.now() }, { tile: 'cam-02', state: 'playing' as const, since: Date.now(), path: 'hls' as const, fallback: 'refused' as const }], load: { level: 2, shed: ['camera-uploads' as const, 'chart-redraws' as const], frameMs: 412 } };
    s.emit('health', good);
    s.emit('health', { at: 'now', fps: 'fast' } as never);
    s.emit('health', { ...good, fps: 1, load: { level: 9, shed: ['everything'], frameMs: -1 } } as never);
    s.emit('health', { ...good, fps: 2, changedFps: -3 } as never);
    s.emit('layout:switched', { commandId: null, layout: 'overview', at: Date.now() });
    const walls = await until(async () => {
      const w = (await api(hub.url, 'GET', '/api/walls', TOKENS.operator)).body.walls;
      return w[0]?.health && w[0]?.lastSwitch ? w : null;
    }, 'health and switch in /api/walls');
    expect(walls[0]).toMatchObject({ node: 'node-1', window: 'w1', screens: ['r1c1', 'r1c2'], connected: true, token: 'test-wall' });
    expect(walls[0].health).toMatchObject({ fps: 60, changedFps: 4.5, memory: { usedMB: 512 }, streams: [{ tile: 'cam-01', state: 'playing' }, { tile: 'cam-02', state: 'playing', path: 'hls', fallback: 'refused' }] });
    expect(walls[0].health.load, 'the load shedding as reported; a malformed one ignored').toEqual({ level: 2, shed: ['camera-uploads', 'chart-redraws'], frameMs: 412 });
  });

  it('survives hostile input: unknown events, oversized packets, binary, deep nesting', async () => {
    const { s } = await connected();
    (s.emit as (...a: unknown[]) => void)('no-such-event', { x: 1 });
    (s.emit as (...a: unknown[]) => void)('health', new Uint8Array(100));
    let deep: unknown = 1;
    for (let i = 0; i < 50; i++) deep = [deep];
    (s.emit as (...a: unknown[]) => void)('layout:switched', deep);
    const big = open();
    await nextEvent(big, 'snapshot');
    const gone = nextEvent(big, 'disconnect');
    (big.emit as (...a: unknown[]) => void)('health', 'x'.repeat(2 * 1024 * 1024)); // over maxHttpBufferSize
    await gone;
    const pong = await s.timeout(5000).emitWithAck('clock:ping', 1);
    expect(pong.t0).toBe(1); // the first wall is unaffected
    expect((await api(hub.url, 'GET', '/healthz', null)).status).toBe(200);
  });
});

describe('hub conformance: daily deadlines', () => {
  // 17:05 in Asia/Ho_Chi_Minh (UTC+7) on 2 June 2025.
  const at1705 = Date.UTC(2025, 5, 2, 10, 5);
  let now = at1705;
  let hub: TestHub;
  const sockets: RawWallSocket[] = [];

  beforeEach(async () => {
    now = at1705;
    hub = await testHub({
      clock: () => now,
      lateCheckMs: 50,
      layouts: [layout([
        kpi('ngan-sach', 'sonla.budget.disbursement-rate', { dailyDeadline: '17:00' }),
        kpi('du-lich', 'sonla.tourism.visitors', { dailyDeadline: '17:00' }),
        kpi('dich-benh', 'epidemic.cases.ca-mau.dengue', { dailyDeadline: '18:00' }),
        kpi('giao-thong', 'traffic.flow.ca-mau.total', { maxAgeS: 60 }),
      ])],
    });
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await hub.cleanup();
  });

  it('flags topics not updated today by their deadline, in the snapshot, in pushes and in GET /api/topics', async () => {
    // Yesterday's value does not count today.
    now = at1705 - 86_400_000;
    await api(hub.url, 'POST', '/api/data', TOKENS.integration, { updates: [{ topic: 'sonla.tourism.visitors', value: 12000 }] });
    now = at1705;
    const s = rawWall(hub.url);
    sockets.push(s);
    const snap = await nextEvent(s, 'snapshot');
    expect(snap.late.map((l: { topic: string }) => l.topic)).toEqual(['sonla.budget.disbursement-rate', 'sonla.tourism.visitors']);
    expect(snap.late[1]).toEqual({ topic: 'sonla.tourism.visitors', deadline: '17:00', lastAt: at1705 - 86_400_000, lateSince: at1705 - 5 * 60_000 });

    const pushed = nextEvent(s, 'topics:late');
    await api(hub.url, 'POST', '/api/data', TOKENS.integration, { updates: [{ topic: 'sonla.budget.disbursement-rate', value: 61.2 }] });
    const late = await pushed;
    expect(checkLateTopics(late).ok).toBe(true);
    expect(late.late.map((l: { topic: string }) => l.topic)).toEqual(['sonla.tourism.visitors']);

    const topics = (await api(hub.url, 'GET', '/api/topics', TOKENS.operator)).body.topics as { topic: string; late: boolean; deadline: string | null; lastAt: number | null }[];
    const byTopic = Object.fromEntries(topics.map((t) => [t.topic, t]));
    expect(byTopic['sonla.budget.disbursement-rate']).toMatchObject({ late: false, deadline: '17:00', lastAt: at1705 });
    expect(byTopic['sonla.tourism.visitors']).toMatchObject({ late: true, deadline: '17:00', lastAt: at1705 - 86_400_000 });
    expect(byTopic['epidemic.cases.ca-mau.dengue']).toMatchObject({ late: false, deadline: '18:00', lastAt: null });
    expect(byTopic['traffic.flow.ca-mau.total']).toMatchObject({ late: false, deadline: null, maxAgeS: 60, stale: true, lastAt: null });

    // At 18:00 the dengue figure is due too: the hub pushes the longer list by itself.
    const later = nextEvent(s, 'topics:late', (l) => l.late.length === 2);
    now = Date.UTC(2025, 5, 2, 11, 0);
    expect((await later).late.map((l: { topic: string }) => l.topic)).toEqual(['epidemic.cases.ca-mau.dengue', 'sonla.tourism.visitors']);
    const metrics = await api(hub.url, 'GET', '/metrics', null);
    expect(metrics.body).toContain('wallrun_topics_late 2');
  });
});

describe('hub conformance: chart history (feature "history")', () => {
  const start = Date.UTC(2025, 5, 2, 10, 0);
  const LEVEL = 'flood.water-level.song-ganh-hao';
  const FLOW = 'traffic.flow.ca-mau.total';
  let now = start;
  const sockets: RawWallSocket[] = [];
  const cleanups: (() => Promise<void> | void)[] = [];
  const chart = (id: string, topic: string, props: Record<string, unknown>): Layout['tiles'][number] => ({
    id, widget: 'chart', cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }, z: 0, topics: [topic], priority: 'normal', props,
  });
  const layouts = [layout([chart('muc-nuoc', LEVEL, { kind: 'line', windowS: 600 }), chart('luu-luong', FLOW, { kind: 'bar' })])];
  const auth = (features?: string[]) => ({ token: TOKENS.wall, protocol: PROTOCOL_VERSION, identity: IDENTITY, ...(features ? { features } : {}) });
  const snapshotOf = async (h: TestHub, features?: string[]) => {
    const s = rawWall(h.url, auth(features));
    sockets.push(s);
    const snapshot = await nextEvent(s, 'snapshot');
    expect(checkSnapshot(snapshot)).toEqual({ ok: true, value: snapshot });
    return { s, snapshot };
  };
  const startOn = async (dataDir: string) => {
    const h = await testHub({ dataDir, clock: () => now, layouts, flushMs: 20 });
    cleanups.push(() => h.destroy());
    return h;
  };

  beforeEach(() => {
    now = start;
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('sends the history of chart topics only to walls that announce the feature, again on a resync, and after a restart', async () => {
    const tmp = tempDir();
    cleanups.push(() => tmp.remove());
    let hub = await startOn(tmp.dir);
    const times = [0, 1, 2, 3, 4].map((i) => start - 240_000 + i * 60_000);
    await api(hub.url, 'POST', '/api/data', TOKENS.integration, {
      updates: [
        ...times.map((t, i) => ({ topic: LEVEL, value: { value: 1 + i / 10, unit: 'm' }, t })),
        { topic: LEVEL, value: 'n/a', t: start }, // a chart cannot draw it: the latest value, not history
        { topic: FLOW, value: 420, t: start }, // a bar chart: no history
      ],
    });
    const expected = [{ topic: LEVEL, t: times, v: [1, 1.1, 1.2, 1.3, 1.4] }];

    const old = await snapshotOf(hub);
    expect(old.snapshot).not.toHaveProperty('history');
    expect(old.snapshot.values).toEqual([{ topic: LEVEL, value: 'n/a', t: start }, { topic: FLOW, value: 420, t: start }]);

    const fresh = await snapshotOf(hub, ['history', 'two-phase-switch']);
    expect(fresh.snapshot.history).toEqual(expected);
    expect(fresh.snapshot.values).toEqual(old.snapshot.values);

    const again = nextEvent(fresh.s, 'snapshot');
    fresh.s.emit('snapshot:request', { reason: 'gap', lastSeq: 0 });
    expect((await again).history).toEqual(expected);

    // Kept across a restart (flushed in batches) and pruned by age: 500 s later, with a 600 s window, the oldest 3 are out of it.
    await until(async () => {
      const store = SqliteStore.open(tmp.dir); // a second reader of the WAL file: the flush is written while the hub runs
      try {
        return (await store.topics.loadHistory()).length === times.length;
      } finally {
        await store.destroy();
      }
    }, 'history written in a batch');
    await hub.destroy();
    now = start + 500_000;
    hub = await startOn(tmp.dir);
    const restarted = await snapshotOf(hub, ['history']);
    expect(restarted.snapshot.history).toEqual([{ topic: LEVEL, t: times.slice(3), v: [1.3, 1.4] }]);
  });
});
