// Our wall client against our real hub (in process): connect, snapshot, live data, alerts, acks,
// layout commands, clock sync, reconnect with a fresh snapshot, refusals.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryStorage } from '../../src/renderer/net/ack-queue.js';
import { WallClient } from '../../src/renderer/net/wall-client.js';
import { IDENTITY, TOKENS, api, nextBusEvent, nextEvent, testHub, until } from '../support/hub-fixtures.js';
import { RecordingSink } from '../support/recording-sink.js';

type TestHub = Awaited<ReturnType<typeof testHub>>;

describe('wall client ↔ hub', () => {
  let hub: TestHub;
  const clients: WallClient[] = [];

  const connect = (token: string = TOKENS.wall, storage = memoryStorage(), identity = IDENTITY) => {
    const sink = new RecordingSink();
    const client = new WallClient({
      url: hub.url,
      token,
      identity,
      sink,
      storage,
      config: { reconnect: { baseMs: 50, maxMs: 500, refusedRetryMs: 60_000 }, clock: { samples: 4, sampleGapMs: 0 } },
    });
    clients.push(client);
    client.init();
    return { client, sink, storage };
  };

  beforeEach(async () => {
    hub = await testHub({ layouts: [] });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await hub.cleanup();
  });

  it('connects, gets a snapshot with the current values and alerts, then live updates in order', async () => {
    await api(hub.url, 'POST', '/api/data', TOKENS.integration, { updates: [{ topic: 'traffic.flow.ca-mau.total', value: 4200 }] });
    const raised = await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, {
      severity: 'major', sector: 'flood', area: 'Sông Gành Hào', title: 'Mực nước vượt báo động I',
    });
    expect(raised.status).toBe(201);
    const { client, sink } = connect();
    const snap = await nextEvent(sink, 'snapshot');
    expect(client.state).toBe('connected');
    expect(snap.values).toEqual([expect.objectContaining({ topic: 'traffic.flow.ca-mau.total', value: 4200 })]);
    expect(snap.alerts.map((a: { id: string }) => a.id)).toEqual([raised.body.alert.id]);

    for (let i = 1; i <= 5; i++) {
      await api(hub.url, 'POST', '/api/data', TOKENS.integration, { updates: [{ topic: 'traffic.flow.ca-mau.total', value: 4200 + i }] });
    }
    await until(() => sink.values.get('traffic.flow.ca-mau.total') === 4205, 'the last update');
    expect(sink.updates.map((u) => u.value)).toEqual([4201, 4202, 4203, 4204, 4205]);
    expect(client.seq).toBeGreaterThanOrEqual(1);
  });

  it('hears alerts raised, acknowledged and cleared; its own ack is confirmed after the commit', async () => {
    const { client, sink } = connect();
    await nextEvent(sink, 'snapshot');
    const raised = nextEvent(sink, 'alert', (e) => e.kind === 'raised');
    const r = await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, {
      id: 'flood-1', severity: 'critical', sector: 'flood', area: 'Năm Căn', title: 'Sạt lở bờ bao',
    });
    expect(r.status).toBe(201);
    expect((await raised).alert.id).toBe('flood-1');

    const confirmed = nextBusEvent(client.bus, 'ackConfirmed');
    const acked = nextEvent(sink, 'alert', (e) => e.kind === 'acknowledged');
    const pending = client.acknowledge('flood-1', 'Trần Văn Bình', 'r1c2');
    expect(client.pendingAcks()).toHaveLength(1);
    const c = (await confirmed) as { result: { committed: boolean; duplicate: boolean } };
    expect(c.result).toMatchObject({ committed: true, duplicate: false });
    expect((await acked).alert).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'Trần Văn Bình' });
    expect(client.pendingAcks()).toHaveLength(0);

    const detail = await api(hub.url, 'GET', '/api/alerts/flood-1', TOKENS.operator);
    expect(detail.body.ack).toMatchObject({ ackId: pending.ackId, operator: 'Trần Văn Bình', screen: 'r1c2', node: 'node-1', window: 'w1' });
    expect(detail.body.audit.filter((a: { action: string }) => a.action === 'ack')).toHaveLength(1);

    const cleared = nextEvent(sink, 'alert', (e) => e.kind === 'cleared');
    expect((await api(hub.url, 'POST', '/api/alerts/flood-1/clear', TOKENS.operator, {})).status).toBe(200);
    expect((await cleared).alert.state).toBe('cleared');
  });

  it('syncs its clock and receives layout commands with the local switch time', async () => {
    const { client, sink } = connect();
    await nextEvent(sink, 'snapshot');
    await until(() => client.clockSync, 'a clock sync');
    expect(Math.abs(client.clockSync!.offsetMs)).toBeLessThan(50); // same machine
    const layout = nextEvent(sink, 'layout');
    const res = await api(hub.url, 'POST', '/api/layout', TOKENS.operator, { layout: 'flood', leadMs: 1000 });
    expect(res.status).toBe(202);
    const cmd = await layout;
    expect(cmd).toMatchObject({ layout: 'flood', by: 'Nguyễn Thị Lan' });
    expect(Math.abs(cmd.localAt - cmd.at)).toBeLessThan(50);
  });

  it('a reconnecting wall gets a fresh snapshot with what changed while it was away', async () => {
    const { client, sink } = connect();
    await nextEvent(sink, 'snapshot');
    client.reconnect();
    await api(hub.url, 'POST', '/api/data', TOKENS.integration, { updates: [{ topic: 'flood.water-level.song-ganh-hao', value: 1.05 }] });
    await until(() => sink.snapshots.length >= 2 && sink.values.get('flood.water-level.song-ganh-hao') === 1.05, 'second snapshot');
    expect(sink.states.map((s) => s.state)).toContain('connecting');
    expect(client.state).toBe('connected');
  });

  it('is refused with a wrong token or role, and says so in its state', async () => {
    const bad = connect('not-a-valid-token-at-all-0000000');
    const s1 = await nextEvent(bad.sink, 'state', (s) => s.state === 'refused');
    expect(s1.refusal).toBe('unauthorized');
    const role = connect(TOKENS.operator);
    expect((await nextEvent(role.sink, 'state', (s) => s.state === 'refused')).refusal).toBe('forbidden');
    const pinned = connect(TOKENS.wall2); // pinned to node-2, connects as node-1
    expect((await nextEvent(pinned.sink, 'state', (s) => s.state === 'refused')).refusal).toBe('forbidden');
  });
});

describe('wall client ↔ hub: chart history', () => {
  const TOPIC = 'flood.water-level.song-ganh-hao';
  let hub: TestHub;
  const clients: WallClient[] = [];
  /** A sink that takes history, as the page's StoreSink does. */
  class HistorySink extends RecordingSink {
    public readonly history = true;
  }
  const connect = (sink: RecordingSink) => {
    const client = new WallClient({ url: hub.url, token: TOKENS.wall, identity: IDENTITY, sink, storage: memoryStorage() });
    clients.push(client);
    client.init();
    return nextEvent(sink, 'snapshot');
  };

  beforeEach(async () => {
    hub = await testHub({
      layouts: [{
        file: 'layouts/flood.yaml', id: 'flood', title: { vi: 'Ngập', en: 'Flood' }, theme: 'control-room-dark', subdivision: { columns: 1, rows: 1 },
        tiles: [{ id: 'muc-nuoc', widget: 'chart', cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }, z: 0, topics: [TOPIC], priority: 'normal', props: { kind: 'line', windowS: 3600 } }],
      }],
    });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await hub.cleanup();
  });

  it('announces "history" when its sink takes it, and gets the history in the snapshot; otherwise not', async () => {
    const t0 = Date.now() - 10 * 60_000;
    const updates = Array.from({ length: 10 }, (_, i) => ({ topic: TOPIC, value: 0.5 + i / 20, t: t0 + i * 60_000 }));
    await api(hub.url, 'POST', '/api/data', TOKENS.integration, { updates });
    const withHistory = await connect(new HistorySink());
    expect(withHistory.history).toEqual([{ topic: TOPIC, t: updates.map((u) => u.t), v: updates.map((u) => u.value) }]);
    const without = await connect(new RecordingSink());
    expect(without).not.toHaveProperty('history');
  });
});
