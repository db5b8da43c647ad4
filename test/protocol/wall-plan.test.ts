/**
 * `GET /api/wall` (the wall as mounted, docs/protocol.md) and `thumbnail:rate` (walls send
 * thumbnails every 2 s while a console is connected, every 10 s when none is) against a real
 * in-process hub.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { CONSOLE_NAMESPACE } from '../../src/core/protocol/console-protocol.js';
import type { WallPlanAnswer } from '../../src/core/protocol/wall-plan.js';
import { layout, tile } from '../support/fixtures.js';
import { TOKENS, api, nextEvent, rawWall, testHub, until } from '../support/hub-fixtures.js';
import { makeWall } from '../support/wall-fixtures.js';

type Hub = Awaited<ReturnType<typeof testHub>>;

const WALL = makeWall({ columns: 2, rows: 1 });
const LAYOUTS = [
  layout('left', [tile({ id: 'k', widget: 'kpi', cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }, title: { vi: 'Chỉ số', en: 'Index' } })], { title: { vi: 'Bên trái', en: 'Left' } }),
  layout('both', [tile({ id: 'm', widget: 'map', cell: { col: 0, row: 0, colSpan: 2, rowSpan: 1 } })]),
];

describe('GET /api/wall and thumbnail:rate', () => {
  let hub: Hub;
  beforeAll(async () => {
    hub = await testHub({ wall: WALL, layouts: LAYOUTS, console: { thumbnailMinIntervalMs: 0 } });
  });
  afterAll(async () => {
    await hub?.cleanup();
  });

  it('answers the wall as mounted: screens at their wall rects, which window shows each and where in its picture, the layouts as tiles', async () => {
    const before = await api(hub.url, 'GET', '/api/wall', TOKENS.operator);
    expect(before.status).toBe(200);
    const plan = before.body as WallPlanAnswer;
    // 1920 × 1080 panels with 3 px bezels on each edge: a cell is 1926 × 1086 wall px.
    expect(plan.wall).toEqual({ id: 'test-wall', title: { vi: 'Tường thử', en: 'Test wall' }, timezone: WALL.timezone, width: 3852, height: 1086 });
    expect(plan.screens.map((s) => [s.id, s.node, s.rect, s.rotation, s.window, s.picture, s.dead])).toEqual([
      ['r1c1', 'node-1', { x: 3, y: 3, width: 1920, height: 1080 }, 0, null, null, false],
      ['r1c2', 'node-1', { x: 1929, y: 3, width: 1920, height: 1080 }, 0, null, null, false],
    ]);
    expect(plan.layouts).toEqual([
      { id: 'left', title: { vi: 'Bên trái', en: 'Left' }, tiles: [{ id: 'k', widget: 'kpi', title: { vi: 'Chỉ số', en: 'Index' }, rect: { x: 3, y: 3, width: 1920, height: 1080 } }] },
      // A tile over both screens keeps the bezels between them inside it.
      { id: 'both', title: { vi: 'both', en: 'both' }, tiles: [{ id: 'm', widget: 'map', title: null, rect: { x: 3, y: 3, width: 3846, height: 1080 } }] },
    ]);

    // A window of both screens connects: each screen is one half of its picture (the displays abut on the desktop).
    const wall = rawWall(hub.url);
    try {
      await nextEvent(wall, 'snapshot');
      const after = await until(async () => {
        const r = (await api(hub.url, 'GET', '/api/wall', TOKENS.operator)).body as WallPlanAnswer;
        return r.screens.every((s) => s.window?.connected) ? r : undefined;
      }, 'the window in the plan');
      expect(after.screens.map((s) => [s.window, s.picture])).toEqual([
        [{ node: 'node-1', window: 'w1', connected: true }, { x: 0, y: 0, width: 0.5, height: 1, turn: 0 }],
        [{ node: 'node-1', window: 'w1', connected: true }, { x: 0.5, y: 0, width: 0.5, height: 1, turn: 0 }],
      ]);
    } finally {
      wall.close();
    }
  });

  it('is for operators, editors and integrations; a hub without the wall model answers an empty plan', async () => {
    expect((await api(hub.url, 'GET', '/api/wall', TOKENS.editor)).status).toBe(200);
    expect((await api(hub.url, 'GET', '/api/wall', TOKENS.integration)).status).toBe(200);
    expect((await api(hub.url, 'GET', '/api/wall', TOKENS.wall)).status).toBe(403);
    expect((await api(hub.url, 'GET', '/api/wall', null)).status).toBe(401);
    const bare = await testHub({ layouts: LAYOUTS });
    try {
      const r = await api(bare.url, 'GET', '/api/wall', TOKENS.operator);
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ hubTime: expect.any(Number), wall: null, screens: [], layouts: [] });
    } finally {
      await bare.cleanup();
    }
  });

  it('tells walls to send thumbnails every 2 s while a console is connected and every 10 s when none is', async () => {
    const wall = rawWall(hub.url);
    let console: Socket | null = null;
    try {
      // On connecting, the wall hears the current rate: no console, the slow one.
      expect(await nextEvent(wall, 'thumbnail:rate')).toEqual({ everyMs: 10_000 });
      const live = nextEvent(wall, 'thumbnail:rate');
      console = io(`${hub.url}${CONSOLE_NAMESPACE}`, { auth: { token: TOKENS.operator }, transports: ['websocket'], reconnection: false, forceNew: true });
      expect(await live).toEqual({ everyMs: 2000 });
      const idle = nextEvent(wall, 'thumbnail:rate');
      console.close();
      expect(await idle).toEqual({ everyMs: 10_000 });
    } finally {
      console?.close();
      wall.close();
    }
  });
});
