/**
 * The timeline on a real in-process hub (docs/timeline.md): a scripted incident (an alert raised,
 * a layout switch, an acknowledgement, a clear), a wall window connecting, sending its picture and
 * leaving, a topic going late and its data arriving, the project topics' values sampled; each lands
 * in GET /api/timeline in order with sector and severity, filters narrow it, pictures are kept as
 * files and served back, a wrong range is refused naming the field, and it survives a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../src/core/protocol/timeline.js';
import { layout, tile } from '../support/fixtures.js';
import { solidPng, thumbnailPayload } from '../support/thumbnail-fixtures.js';
import { TOKENS, api, nextEvent, rawWall, tempDir, testHub, until } from '../support/hub-fixtures.js';

type Hub = Awaited<ReturnType<typeof testHub>>;
const cell = { col: 0, row: 0, colSpan: 1, rowSpan: 1 };
const LEVEL = 'flood.water-level.song-ganh-hao';
const REPORT = 'sonla.health.dengue-cases';
const LAYOUTS = [
  layout('overview', [tile({ id: 'k', widget: 'kpi', cell, topics: [LEVEL] })]),
  // A daily deadline long past: the topic is late at once, until a value comes.
  layout('flood', [tile({ id: 'r', widget: 'kpi', cell, topics: [REPORT], freshness: { dailyDeadline: '00:00' } })]),
];

describe('timeline (hub)', () => {
  const data = tempDir('wallrun-timeline-');
  let hub: Hub;
  const start = async (): Promise<void> => {
    hub = await testHub({ dataDir: data.dir, layouts: LAYOUTS, timelineEveryMs: 50, timeline: { valuesEveryS: 1, thumbnailsEveryS: 1 }, console: { thumbnailMinIntervalMs: 0 } });
  };
  const timeline = async (q = ''): Promise<TimelineEvent[]> => {
    const r = await api(hub.url, 'GET', `/api/timeline?from=${Date.now() - 2 * 86_400_000}&to=${Date.now() + 1000}${q}`, TOKENS.operator);
    expect(r.status).toBe(200);
    return r.body.events;
  };
  const seen = (q: string, test: (e: TimelineEvent[]) => boolean, what: string): Promise<TimelineEvent[]> =>
    until(async () => {
      const e = await timeline(q);
      return test(e) ? e : null;
    }, what);

  beforeAll(start);
  afterAll(async () => {
    await hub?.destroy();
    data.remove();
  });

  /** A moment strictly after now and before whatever comes next (the hub's clock is ms). */
  const moment = async (): Promise<number> => {
    const t = Date.now();
    await until(() => Date.now() > t + 1, 'the clock to move');
    return t + 1;
  };
  const moments: Record<string, number> = {};

  it('records a scripted incident in order, with who, sector and severity', async () => {
    const raised = await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, { id: 'gh-bd3', severity: 'critical', sector: 'flood', area: 'Sông Gành Hào', title: 'Mực nước vượt báo động III' });
    expect(raised.status).toBe(201);
    moments.raised = await moment();
    expect((await api(hub.url, 'POST', '/api/layout', TOKENS.operator, { layout: 'flood' })).status).toBe(202);
    expect((await api(hub.url, 'POST', '/api/alerts/gh-bd3/ack', TOKENS.operator, { comment: 'Đã báo đội ứng cứu' })).status).toBe(200);
    moments.acked = await moment();
    expect((await api(hub.url, 'POST', '/api/alerts/gh-bd3/clear', TOKENS.integration, {})).status).toBe(200);
    moments.cleared = await moment();
    const events = await seen('&kind=alert,ack,switch', (e) => e.some((x) => x.what === 'cleared'), 'the incident on the timeline');
    expect(events.map((e) => [e.kind, e.what, e.subject])).toEqual([
      ['alert', 'raised', 'gh-bd3'],
      ['switch', 'switched', 'flood'],
      ['ack', 'acknowledged', 'gh-bd3'],
      ['alert', 'cleared', 'gh-bd3'],
    ]);
    const ack = events.find((e) => e.kind === 'ack')!;
    expect(ack).toMatchObject({ sector: 'flood', severity: 'critical', actor: expect.any(String), detail: { title: 'Mực nước vượt báo động III' } });
    expect(events.every((e, i) => i === 0 || e.at >= events[i - 1]!.at)).toBe(true);
    // Filters: by severity and sector.
    expect((await timeline('&severity=minor')).filter((e) => e.kind === 'alert')).toEqual([]);
    expect((await timeline('&sector=flood&kind=alert')).map((e) => e.what)).toEqual(['raised', 'cleared']);
  });

  it('replays the wall at a chosen moment: the layout shown, the alerts as they were, the events around', async () => {
    const at = async (t: number, q = ''): Promise<{ layout: { layout: string } | null; alerts: { id: string; stateAt: string }[]; events: TimelineEvent[] }> => {
      const r = await api(hub.url, 'GET', `/api/replay?t=${t}${q}`, TOKENS.operator);
      expect(r.status).toBe(200);
      return r.body;
    };
    const raised = await at(moments.raised!);
    expect(raised.alerts.map((a) => [a.id, a.stateAt])).toEqual([['gh-bd3', 'active']]);
    expect(raised.layout).toBeNull(); // the switch came after
    const acked = await at(moments.acked!);
    expect(acked.alerts.map((a) => [a.id, a.stateAt])).toEqual([['gh-bd3', 'acknowledged']]);
    expect(acked.layout?.layout).toBe('flood');
    expect(acked.events.filter((e) => e.kind !== 'wall' && e.kind !== 'late').map((e) => e.what)).toEqual(['raised', 'switched', 'acknowledged', 'cleared']);
    expect((await at(moments.cleared!)).alerts).toEqual([]);
    expect((await at(moments.acked!, '&sector=traffic')).alerts).toEqual([]);
    const early = await api(hub.url, 'GET', `/api/replay?t=${Date.now() - 40 * 86_400_000}`, TOKENS.operator);
    expect(early.status).toBe(400);
    expect(early.body.error.details[0]).toMatch(/^t: is before the kept window/);
    expect((await api(hub.url, 'GET', `/api/replay?t=${Date.now() + 3_600_000}`, TOKENS.operator)).body.error.details).toEqual(['t: is in the future (hub time)']);
  });

  it('records late data and its arrival, and samples the project topics’ values', async () => {
    await seen('&kind=late', (e) => e.some((x) => x.subject === REPORT && x.what === 'late'), 'the late topic');
    expect((await api(hub.url, 'POST', '/api/data', TOKENS.integration, { updates: [{ topic: REPORT, value: 12 }, { topic: LEVEL, value: 1.04 }, { topic: 'not.in.layouts', value: 3 }] })).status).toBe(202);
    const late = await seen('&kind=late', (e) => e.some((x) => x.subject === REPORT && x.what === 'arrived'), 'the data arriving');
    expect(late.find((x) => x.what === 'late')).toMatchObject({ sector: 'sonla', detail: { deadline: '00:00' } });
    const values = await seen('&kind=values', (e) => e.some((x) => (x.detail as Record<string, unknown>)[LEVEL] === 1.04), 'a values sample');
    expect(values.at(-1)!.detail).toEqual({ [REPORT]: 12, [LEVEL]: 1.04 });
  });

  it('records a window connecting and leaving, and keeps its picture as a file served back', async () => {
    const w = rawWall(hub.url);
    await nextEvent(w, 'snapshot');
    w.emit('thumbnail', thumbnailPayload([10, 200, 30]));
    const pics = await seen('&kind=thumbnail', (e) => e.length > 0, 'a picture');
    const file = (pics[0]!.detail as { file: string }).file;
    expect(file).toMatch(/^\d{4}-\d{2}-\d{2}\/\d+_node-1_w1\.png$/);
    const res = await fetch(`${hub.url}/api/timeline/thumbnail?file=${encodeURIComponent(file)}`, { headers: { Authorization: `Bearer ${TOKENS.operator}` } });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(solidPng(32, 18, [10, 200, 30]))).toBe(true);
    expect((await api(hub.url, 'GET', '/api/timeline/thumbnail?file=..%2Fhub.sqlite', TOKENS.operator)).status).toBe(400);
    w.close();
    const walls = await seen('&kind=wall', (e) => e.some((x) => x.what === 'disconnected'), 'the window leaving');
    expect(walls.map((e) => [e.subject, e.what])).toEqual([['node-1/w1', 'connected'], ['node-1/w1', 'disconnected']]);
  });

  it('refuses a reversed range, one in the future or before the kept window, naming the field', async () => {
    const now = Date.now();
    const cases: [string, string][] = [
      [`from=${now}&to=${now - 1000}`, 'to: is before from'],
      [`from=${now + 3_600_000}&to=${now + 7_200_000}`, 'from: is in the future'],
      [`from=${now - 40 * 86_400_000}&to=${now - 35 * 86_400_000}`, 'to: is before the kept window (the timeline keeps 30 days'],
      [`from=yesterday&to=${now}`, 'from: must be ms since the epoch or an ISO 8601 date'],
      [`to=${now}`, 'from'],
    ];
    for (const [q, error] of cases) {
      const r = await api(hub.url, 'GET', `/api/timeline?${q}`, TOKENS.operator);
      expect(r.status, q).toBe(400);
      expect(r.body.error.details.join('\n'), q).toContain(error);
    }
    expect((await api(hub.url, 'GET', `/api/timeline?from=0&to=${now}`, TOKENS.integration)).status).toBe(403);
  });

  it('keeps the timeline across a restart', async () => {
    const before = await timeline('&kind=alert');
    await hub.destroy();
    await start();
    expect(await timeline('&kind=alert')).toEqual(before);
  });
});
