// One store suite, both backends (storage/store.ts): the same cases run on SQLite (a temporary data
// directory) and on PostgreSQL (a database per test on this file's own cluster). "Reopen" is a hub
// restart: the store is closed and opened again on the same place. Backend-only cases: sqlite/ and
// postgres/ next to this file.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../core/protocol/alerts.js';
import type { CapMessageRecord } from '../../core/protocol/cap.js';
import { startBackend, type BackendName, type StoreBackend, type StorePlace } from '../../../test/support/store-backends.js';
import type { HubStore } from './store.js';
import type { Actor } from './store-types.js';

const T = 1_750_000_000_000;
const actor: Actor = { name: 'Lan', role: 'wall', via: 'test-wall', channel: 'wall', node: 'node-1', window: 'w1', screen: 'r1c1' };
const editor: Actor = { name: 'Bình', role: 'editor', via: 'Bình', channel: 'console' };
const AREAS: Alert['areas'] = { polygons: [[[10, 105], [10.1, 105], [10, 105.1], [10, 105]]], circles: [{ lat: 9.18, lon: 105.15, radiusKm: 12.5 }] };
const alert = (id: string, extra: Partial<Alert> = {}): Alert => ({
  id, severity: 'major', sector: 'flood', area: 'Cà Mau', source: 'thuy-van', title: 'Mực nước cao', message: '', state: 'active',
  raisedAt: T, updatedAt: T, ...extra,
});

describe.each<BackendName>(['sqlite', 'postgres'])('HubStore on %s', (name) => {
  let backend: StoreBackend;
  const stores: HubStore[] = [];
  beforeAll(async () => {
    backend = await startBackend(name);
  }, 60_000);
  afterAll(async () => {
    await backend?.cleanup();
  });
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.destroy();
  });
  /** A fresh place; `open` opens (or reopens) the store there. */
  const fresh = async (): Promise<StorePlace & { open(): Promise<HubStore> }> => {
    const place = await backend.place();
    return {
      where: place.where,
      open: async () => {
        const s = await place.open();
        stores.push(s);
        return s;
      },
    };
  };

  it('keeps one ack per alert, whatever the retries and operators', async () => {
    const store = await (await fresh()).open();
    await store.alerts.save(alert('a'), 'raise', { ...actor, role: 'integration' }, T);
    const ackId = crypto.randomUUID();
    const first = await store.alerts.acknowledge({ ackId, alertId: 'a', at: T + 5 }, actor, T + 10);
    expect(first).toMatchObject({ kind: 'committed', alert: { state: 'acknowledged', acknowledgedBy: 'Lan', ackedAt: T + 5, updatedAt: T + 10 } });
    expect(await store.alerts.acknowledge({ ackId, alertId: 'a', at: T + 5 }, actor, T + 20)).toMatchObject({ kind: 'duplicate' });
    expect(await store.alerts.acknowledge({ ackId: crypto.randomUUID(), alertId: 'a', at: T }, { ...actor, name: 'Bình' }, T + 30)).toMatchObject({
      kind: 'duplicate',
      record: { ackId, operator: 'Lan' },
    });
    expect(await store.alerts.acknowledge({ ackId: crypto.randomUUID(), alertId: 'b', at: T }, actor, T)).toEqual({ kind: 'unknown-alert' });
    await store.alerts.save(alert('c'), 'raise', actor, T);
    expect(await store.alerts.acknowledge({ ackId, alertId: 'c', at: T }, actor, T)).toEqual({ kind: 'ack-id-reused' });
    expect(await store.alerts.countAcks()).toBe(1);
    expect((await store.audit.list({ alertId: 'a' })).map((e) => e.action)).toEqual(['ack', 'raise']);
  });

  it('keeps an acknowledged-then-cleared alert cleared, and an ack of a cleared alert leaves it cleared', async () => {
    const store = await (await fresh()).open();
    await store.alerts.save(alert('x', { state: 'cleared', clearedAt: T + 1 }), 'raise', actor, T);
    const r = await store.alerts.acknowledge({ ackId: crypto.randomUUID(), alertId: 'x', at: T + 2 }, actor, T + 3);
    expect(r).toMatchObject({ kind: 'committed', alert: { state: 'cleared', acknowledgedBy: 'Lan' } });
  });

  it('survives a reopen: alerts, acks, audit, values, layout; filters and orders by severity then recency', async () => {
    const place = await fresh();
    const a = await place.open();
    await a.alerts.save(alert('m1', { severity: 'minor', raisedAt: T + 1 }), 'raise', actor, T);
    await a.alerts.save(alert('c1', { severity: 'critical', sector: 'emergency', areas: AREAS }), 'raise', actor, T);
    await a.alerts.save(alert('m2', { severity: 'minor', raisedAt: T + 2, state: 'cleared', clearedAt: T + 3, updatedAt: T + 3 }), 'raise', actor, T);
    await a.alerts.acknowledge({ ackId: crypto.randomUUID(), alertId: 'c1', at: T }, actor, T);
    await a.topics.saveValues([{ topic: 'a.b', value: { 'tp-ca-mau': 3 }, t: T, receivedAt: T + 1 }]);
    await a.layout.save({ commandId: 'k', layout: 'flood', at: T + 1500, issuedAt: T, by: 'Lan' }, actor);
    await a.destroy();
    const b = await place.open();
    expect((await b.alerts.list()).map((x) => x.id)).toEqual(['c1', 'm2', 'm1']);
    expect((await b.alerts.list({ state: ['open'] })).map((x) => x.id)).toEqual(['c1', 'm1']);
    expect((await b.alerts.list({ severity: ['minor'], since: T + 3 })).map((x) => x.id)).toEqual(['m2']);
    expect((await b.alerts.list({ sector: ['emergency'], state: ['acknowledged'] })).map((x) => x.id)).toEqual(['c1']);
    expect((await b.alerts.get('c1'))?.areas).toEqual(AREAS);
    expect(await b.alerts.get('m2')).toEqual(alert('m2', { severity: 'minor', raisedAt: T + 2, state: 'cleared', clearedAt: T + 3, updatedAt: T + 3 }));
    expect(await b.topics.loadValues()).toEqual([{ topic: 'a.b', value: { 'tp-ca-mau': 3 }, t: T, receivedAt: T + 1 }]);
    expect(await b.layout.load()).toMatchObject({ layout: 'flood' });
    expect((await b.audit.list()).map((e) => e.action)).toEqual(['layout', 'ack', 'raise', 'raise', 'raise']);
  });

  it('records where each change came from and attempts that did not happen; filters the trail by channel and action', async () => {
    const s = await (await fresh()).open();
    const lan: Actor = { name: 'Lan', role: 'operator', via: 'Lan', channel: 'console' };
    await s.alerts.save(alert('a'), 'raise', { name: 'demo', role: 'integration', via: 'demo', channel: 'hub' }, T);
    await s.alerts.acknowledge({ ackId: crypto.randomUUID(), alertId: 'a', at: T + 1, comment: 'Đã xử lý' }, lan, T + 1);
    await s.layout.saveFailure({ code: 'switch-busy', reason: 'switch s-1 to "flood" is being prepared', layout: 'overview' }, { ...lan, channel: 'rest' }, T + 2);
    await s.audit.write('ack:refused', 'nope', actor, T + 3, { code: 'unknown-alert', reason: 'no alert nope', ackId: 'k' });
    expect((await s.audit.list()).map((e) => [e.action, e.channel])).toEqual([['ack:refused', 'wall'], ['layout:failed', 'rest'], ['ack', 'console'], ['raise', 'hub']]);
    expect((await s.audit.list({ channel: ['console', 'hub'] })).map((e) => e.action)).toEqual(['ack', 'raise']);
    expect(await s.audit.list({ action: ['layout:failed', 'ack:refused'], channel: ['rest'] })).toEqual([
      expect.objectContaining({ action: 'layout:failed', actor: 'Lan', at: T + 2, detail: { code: 'switch-busy', reason: 'switch s-1 to "flood" is being prepared', layout: 'overview' } }),
    ]);
    expect(await s.audit.list({ alertId: 'a', action: ['ack'] })).toEqual([expect.objectContaining({ detail: expect.objectContaining({ comment: 'Đã xử lý' }) })]);
    expect((await s.alerts.getAck('a'))?.comment).toBe('Đã xử lý');
    expect(await s.audit.list({ since: T + 2, limit: 1 })).toEqual([expect.objectContaining({ action: 'ack:refused' })]);
  });

  it('keeps presets with versions: a stale change is refused with the current preset, each change audited', async () => {
    const s = await (await fresh()).open();
    const draft = { id: 'giao-ban', title: { vi: 'Giao ban' }, layout: 'overview', cameras: [] };
    expect(await s.presets.save(draft, 0, editor, T)).toMatchObject({ ok: true, created: true, preset: { version: 1, updatedBy: 'Bình' } });
    expect(await s.presets.save(draft, 0, editor, T)).toMatchObject({ ok: false, code: 'version-conflict', current: { version: 1 } });
    expect(await s.presets.save({ ...draft, layout: 'flood' }, 1, editor, T + 1)).toMatchObject({ ok: true, created: false, preset: { version: 2, layout: 'flood' } });
    expect(await s.presets.save(draft, 1, editor, T + 2)).toMatchObject({ ok: false, code: 'version-conflict', current: { version: 2 } });
    expect(await s.presets.save({ ...draft, id: 'khac' }, 3, editor, T)).toEqual({ ok: false, code: 'not-found' });
    expect(await s.presets.delete('giao-ban', 1, editor, T + 3)).toMatchObject({ ok: false, code: 'version-conflict' });
    expect(await s.presets.list()).toEqual([expect.objectContaining({ id: 'giao-ban', version: 2, layout: 'flood' })]);
    expect(await s.presets.count()).toBe(1);
    expect(await s.presets.delete('giao-ban', 2, editor, T + 4)).toMatchObject({ ok: true, preset: { version: 2 } });
    expect(await s.presets.get('giao-ban')).toBeNull();
    expect((await s.audit.list()).map((e) => [e.action, (e.detail as { version: number }).version])).toEqual([['preset:delete', 2], ['preset:save', 2], ['preset:save', 1]]);
  });

  it('keeps the wall windows and the last switch across a reopen', async () => {
    const place = await fresh();
    const a = await place.open();
    const w = { node: 'node-1', window: 'w1', screens: ['r1c1'], token: 'test-wall', connected: true, connections: 1, address: '10.0.0.11', connectedAt: T, disconnectedAt: null, disconnectReason: null, health: null, lastSwitch: { commandId: 'c', layout: 'flood', at: T, receivedAt: T } };
    await a.walls.saveWindow(w);
    await a.walls.saveWindow({ ...w, window: 'w2', connected: false, disconnectedAt: T + 5, disconnectReason: 'transport close', lastSwitch: null });
    await a.walls.saveWindow({ ...w, window: 'w3' });
    await a.walls.deleteWindow('node-1', 'w3');
    const record = { switchId: 's-1', layout: 'flood', by: 'Lan', state: 'committed' as const, requestedAt: T, committedAt: T + 20, at: T + 420, failed: [], windows: [], skewMs: null, latencyMs: 421 };
    await a.walls.saveSwitch(record);
    await a.destroy();
    const b = await place.open();
    expect(await b.walls.loadWindows()).toEqual([
      { node: 'node-1', window: 'w1', screens: ['r1c1'], token: 'test-wall', address: '10.0.0.11', connectedAt: T, goneAt: null, disconnectReason: null, health: null, lastSwitch: w.lastSwitch },
      { node: 'node-1', window: 'w2', screens: ['r1c1'], token: 'test-wall', address: '10.0.0.11', connectedAt: T, goneAt: T + 5, disconnectReason: 'transport close', health: null, lastSwitch: null },
    ]);
    expect(await b.walls.loadSwitch()).toEqual(record);
    await b.walls.clearWindows();
    expect(await b.walls.loadWindows()).toEqual([]);
  });

  it('keeps chart history: pruned, rewritten and forgotten as asked', async () => {
    const s = await (await fresh()).open();
    await s.topics.saveHistory([{ topic: 'a.b', keepFrom: T, rewriteFrom: T, points: [{ t: T, v: 1 }, { t: T + 1000, v: 2.5 }, { t: T + 2000, v: 3 }] }]);
    await s.topics.saveHistory([{ topic: 'x.y', keepFrom: T, rewriteFrom: T, points: [{ t: T, v: 9 }] }]);
    await s.topics.saveHistory([{ topic: 'a.b', keepFrom: T + 1000, rewriteFrom: T + 2000, points: [{ t: T + 2000, v: 4 }] }]);
    expect(await s.topics.loadHistory()).toEqual([{ topic: 'a.b', t: T + 1000, v: 2.5 }, { topic: 'a.b', t: T + 2000, v: 4 }, { topic: 'x.y', t: T, v: 9 }]);
    await s.topics.keepHistoryOf(new Set(['a.b']));
    await s.topics.saveHistory([{ topic: 'a.b', keepFrom: Infinity, rewriteFrom: Infinity, points: [] }]);
    expect(await s.topics.loadHistory()).toEqual([]);
  });

  it('keeps each topic\'s forecast across a reopen: replaced whole, dropped once', async () => {
    const place = await fresh();
    const s = await place.open();
    const f = (v: number) => ({ topic: 'flood.level', model: 'm', issuedAt: T, validUntil: T + 3600_000, points: [{ t: T + 1000, v, lo: v - 1, hi: v + 1 }, { t: T + 2000, v }] });
    await s.forecasts.save(f(1));
    await s.forecasts.save(f(2));
    await s.forecasts.save({ ...f(5), topic: 'dengue.cases' });
    await s.destroy();
    const again = await place.open();
    expect(await again.forecasts.load()).toEqual([{ ...f(5), topic: 'dengue.cases' }, f(2)]);
    expect(await again.forecasts.drop('flood.level')).toBe(true);
    expect(await again.forecasts.drop('flood.level')).toBe(false);
    expect((await again.forecasts.load()).map((x) => x.topic)).toEqual(['dengue.cases']);
  });

  it('keeps the timeline in order: read by time range, kind, sector and severity; pruned by age', async () => {
    const place = await fresh();
    const s = await place.open();
    const ev = (at: number, kind: 'alert' | 'camera' | 'ack', sector: string | null, severity: 'critical' | 'minor' | null) =>
      ({ at, kind, subject: `s${at}`, what: 'x', sector, severity, actor: null, detail: { n: at } });
    await s.timeline.append([ev(T + 30, 'alert', 'flood', 'critical'), ev(T + 10, 'camera', null, null), ev(T + 20, 'ack', 'flood', 'critical')]);
    await s.timeline.append([ev(T + 40, 'alert', 'traffic', 'minor')]);
    await s.destroy();
    const again = await place.open();
    const all = await again.timeline.list({ from: T, to: T + 100 });
    expect(all.map((e) => [e.at, e.kind, e.detail])).toEqual([[T + 10, 'camera', { n: T + 10 }], [T + 20, 'ack', { n: T + 20 }], [T + 30, 'alert', { n: T + 30 }], [T + 40, 'alert', { n: T + 40 }]]);
    expect((await again.timeline.list({ from: T + 15, to: T + 35 })).map((e) => e.at)).toEqual([T + 20, T + 30]);
    expect((await again.timeline.list({ from: T, to: T + 100, kinds: ['alert'], severities: ['minor'] })).map((e) => e.sector)).toEqual(['traffic']);
    expect((await again.timeline.list({ from: T, to: T + 100, sectors: ['flood'], limit: 1 })).map((e) => e.at)).toEqual([T + 20]);
    expect(await again.timeline.oldest()).toBe(T + 10);
    expect(await again.timeline.prune(T + 25)).toBe(2);
    expect(await again.timeline.oldest()).toBe(T + 30);
  });

  it('keeps the baseline forecaster\'s training buckets across a reopen: upserted, pruned by age, forgotten when no longer forecast', async () => {
    const place = await fresh();
    const s = await place.open();
    const H = 3_600_000;
    await s.baselineSamples.save([
      { topic: 'energy.load', bucket: T, sum: 10.5, count: 3 },
      { topic: 'energy.load', bucket: T + H, sum: 4, count: 1 },
      { topic: 'traffic.flow', bucket: T, sum: 7, count: 2 },
    ], new Map([['energy.load', T], ['traffic.flow', T]]));
    await s.baselineSamples.save([{ topic: 'energy.load', bucket: T + H, sum: 9, count: 2 }, { topic: 'energy.load', bucket: T + 2 * H, sum: 1, count: 1 }], new Map([['energy.load', T + H], ['traffic.flow', T]]));
    await s.destroy();
    const again = await place.open();
    expect(await again.baselineSamples.load()).toEqual([
      { topic: 'energy.load', bucket: T + H, sum: 9, count: 2 },
      { topic: 'energy.load', bucket: T + 2 * H, sum: 1, count: 1 },
      { topic: 'traffic.flow', bucket: T, sum: 7, count: 2 },
    ]);
    await again.baselineSamples.save([], new Map([['energy.load', T]]));
    expect((await again.baselineSamples.load()).map((x) => x.topic)).toEqual(['energy.load', 'energy.load']);
    await again.baselineSamples.save([], new Map());
    expect(await again.baselineSamples.load()).toEqual([]);
  });

  it('keeps the automation\'s last applied occurrence, hold and takeovers across a reopen, and forgets a released hold', async () => {
    const place = await fresh();
    const a = await place.open();
    expect(await a.automation.loadApplied()).toBeNull();
    await a.automation.saveApplied({ key: 'entry:son-la-17h@1', id: 'son-la-17h', at: T });
    await a.automation.saveApplied({ key: 'entry:son-la-17h@2', id: 'son-la-17h', at: T + 1 });
    const hold = { by: 'Lan', target: { layout: 'flood' }, since: T, until: T + 1_800_000 };
    await a.automation.saveHold(hold);
    const takeovers = { inForce: null, prompts: [], lastSwitchAt: T };
    await a.automation.saveTakeovers(takeovers);
    await a.destroy();
    const b = await place.open();
    expect(await b.automation.loadApplied()).toEqual({ key: 'entry:son-la-17h@2', id: 'son-la-17h', at: T + 1 });
    expect(await b.automation.loadHold()).toEqual(hold);
    expect(await b.automation.loadTakeovers()).toEqual(takeovers);
    await b.automation.saveHold(null);
    expect(await b.automation.loadHold()).toBeNull();
  });

  it('keeps CAP messages once per sender, identifier and sent, and the CAP alerts\' ends', async () => {
    const s = await (await fresh()).open();
    await s.alerts.save(alert('cap-1'), 'raise', actor, T);
    const m: CapMessageRecord = {
      sender: 'kttv@vn', identifier: 'W-1', sent: T, status: 'Actual', msgType: 'Alert', action: 'created', alertId: 'cap-1', note: null, receivedAt: T + 1, via: 'feed:kttv',
      event: 'Lũ', headline: 'Lũ lớn', severity: 'Severe', urgency: 'Immediate', certainty: 'Observed', areaDesc: 'Cà Mau', language: 'vi-VN', expires: T + 3600_000,
    };
    await s.cap.record(m);
    await expect(s.cap.record({ ...m, receivedAt: T + 2 })).rejects.toThrow();
    await s.cap.record({ ...m, sent: T + 10, msgType: 'Update', action: 'updated', receivedAt: T + 11 });
    expect(await s.cap.findMessage('kttv@vn', 'W-1', T)).toEqual(m);
    expect(await s.cap.alertOfMessage('kttv@vn', 'W-1')).toBe('cap-1');
    expect(await s.cap.alertOfMessage('kttv@vn', 'W-2')).toBeNull();
    expect((await s.cap.list()).map((r) => r.sent)).toEqual([T + 10, T]);
    await s.cap.track('cap-1', 'kttv@vn', 'W-1', T + 3600_000, T + 10);
    expect(await s.cap.lastSent('cap-1')).toBe(T + 10);
    expect(await s.cap.due(T + 3600_000 - 1)).toEqual([]);
    expect(await s.cap.due(T + 3600_000)).toEqual(['cap-1']);
    await s.cap.untrack('cap-1');
    expect(await s.cap.due(T + 7200_000)).toEqual([]);
  });
});
