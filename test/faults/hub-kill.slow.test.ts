/**
 * Fault: the hub is killed (SIGKILL, a crash: no clean close) and started again on the same port
 * and data directory, with a wall page in Chromium attached. The wall shows its disconnected badge,
 * keeps its picture (the alert list and the kpi stay drawn, not blanked), queues an acknowledgement
 * made meanwhile, reconnects by itself, and the hub stores the acknowledgement exactly once; what
 * was stored before the crash is still there. The same promise for the wall client alone (170
 * kills, reloads): test/protocol/hub-restart.test.ts; a clean stop with an in-process hub:
 * test/e2e/hub-wall.test.ts.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWall } from '../support/wall-fixtures.js';
import { api, TOKENS, TOKEN_SPECS, tempDir } from '../support/hub-fixtures.js';
import { OPERATORS, waitForHub, withHub } from '../support/hub-wall.js';
import { buildHubEntry, spawnHub, type HubProcess } from '../support/hub-process.js';
import { THEME, layout, pageConfig, tile, windowFor } from '../support/fixtures.js';
import { rgb } from '../support/png.js';
import { WallBrowser, capture, debugState, waitForState } from '../support/wall-browser.js';
import { inkShare, regionChange } from './fault-pixels.js';

const S = 0.25;
const TOPIC = 'flood.water-level.song-ganh-hao';
const wall = makeWall({ columns: 1, rows: 1 });
const w0 = windowFor(wall, 'node-1');
const LIST = { x: 3, y: 3, width: 1100, height: 800 };
const LEVEL = { x: 1150, y: 3, width: 770, height: 400 };
const live = layout('live', [
  tile({ id: 'list', widget: 'alert-list', rect: LIST, props: { fontSizePx: 48 } }),
  tile({ id: 'level', widget: 'kpi', rect: LEVEL, topics: [TOPIC], props: { unit: 'm', decimals: 2 } }),
]);

describe('fault: hub killed and restarted', () => {
  let browser: WallBrowser;
  const tmp = tempDir('wallrun-fault-kill-');
  const hubs: HubProcess[] = [];
  const start = async (port = 0): Promise<HubProcess> => {
    const hub = await spawnHub({ port, dataDir: path.join(tmp.dir, 'hub'), tokens: TOKEN_SPECS, operators: OPERATORS, flushMs: 50 });
    hubs.push(hub);
    return hub;
  };
  beforeAll(async () => {
    [browser] = await Promise.all([WallBrowser.start(), buildHubEntry()]);
  });
  afterAll(async () => {
    await browser?.closeWindows({ allowHttp: true });
    await browser?.close();
    await Promise.all(hubs.map((h) => h.stop()));
    tmp.remove();
  });

  it('shows the loss, keeps its picture, reconnects by itself; an ack made meanwhile and everything stored survive', async () => {
    const hub1 = await start();
    const raised = await api(hub1.url, 'POST', '/api/alerts', TOKENS.integration, {
      id: 'ngap-kill', severity: 'critical', sector: 'flood', area: 'TP. Cà Mau', title: 'Ngập sâu 40 cm tại đường Lý Thường Kiệt',
    });
    expect(raised.status).toBe(201);
    expect((await api(hub1.url, 'POST', '/api/data', TOKENS.integration, { updates: [{ topic: TOPIC, value: 1.1 }] })).status).toBe(202);
    const win = await browser.open(withHub(pageConfig({ wall, layouts: [live], window: w0, scale: S }), hub1.url));
    await waitForHub(win, (h) => h.connection === 'connected' && h.alerts.length === 1, 'connected');
    await waitForState(win, (s) => s.tiles.find((t) => t.id === 'level')!.updates > 0 && s.tiles.find((t) => t.id === 'list')!.updates > 0);
    const before = await capture(win);

    await hub1.kill();
    const down = await waitForHub(win, (h) => h.badge.kind === 'disconnected' || h.badge.kind === 'reconnecting', 'badge shows the loss');
    expect(down.badge.text).toMatch(/Mất kết nối từ \d\d:\d\d:\d\d/);
    expect(down.alerts.map((a) => a.id)).toEqual(['ngap-kill']);
    // The picture stays: the list still shows the alert, the kpi its value (a few pixels may change
    // for the badge or a stale mark, not the whole tile).
    const during = await capture(win);
    expect(inkShare(during, w0, S, LIST, rgb(THEME.colors.surface)), 'the list is drawn').toBeGreaterThan(0.02);
    expect(regionChange(before, during, w0, S, LIST)).toBeLessThan(0.2);
    expect(regionChange(before, during, w0, S, LEVEL)).toBeLessThan(0.5);
    const kpiTexts = (await debugState(win)).tiles.find((t) => t.id === 'level')!.texts.map((t) => t.text).join(' ');
    expect(kpiTexts).toContain('1,10');

    // Acknowledge with the keyboard while the hub is dead: queued in local storage.
    await win.page.keyboard.press('ArrowDown');
    await waitForHub(win, (h) => h.selectedAlert === 'ngap-kill', 'selected');
    await win.page.keyboard.press('Enter');
    await waitForHub(win, (h) => h.dialog !== null, 'dialog open');
    await win.page.keyboard.type('4827');
    await win.page.keyboard.press('Enter');
    await waitForHub(win, (h) => h.pendingAcks.length === 1 && h.alerts[0]!.pending, 'ack queued');

    // Restarted on the same port and data: the wall reconnects by itself and delivers the ack.
    const hub2 = await start(hub1.port);
    const back = await waitForHub(win, (h) => h.connection === 'connected' && h.badge.kind === 'connected' && h.pendingAcks.length === 0, 'reconnected, ack delivered', 30_000);
    expect(back.alerts[0]).toMatchObject({ id: 'ngap-kill', state: 'acknowledged', acknowledgedBy: 'Nguyễn Văn An', pending: false });
    const detail = await api(hub2.url, 'GET', '/api/alerts/ngap-kill', TOKENS.operator);
    expect(detail.body.alert).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'Nguyễn Văn An', severity: 'critical' });
    expect(detail.body.audit.filter((e: { action: string }) => e.action === 'ack')).toHaveLength(1);
    expect(detail.body.audit.filter((e: { action: string }) => e.action === 'raise')).toHaveLength(1);
    await waitForState(win, (s) => s.tiles.every((t) => !t.stale));
  });
});
