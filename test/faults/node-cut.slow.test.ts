/**
 * Fault: the node is cut off from the hub and comes back (test/faults/tcp-cut-proxy.ts between the
 * wall page and an in-process hub, silent like a pulled cable). The wall notices by its ping timeout,
 * shows its disconnected badge and keeps its layout and picture; meanwhile the hub switches layout
 * and raises an alert; when the link is back the wall reconnects by itself and shows the current
 * layout and the alert (the reconnect's snapshot), and the switch and alert are stored at the hub.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PING_INTERVAL_MS, PING_TIMEOUT_MS } from '../../src/core/protocol/protocol.js';
import { makeWall } from '../support/wall-fixtures.js';
import { api, TOKENS } from '../support/hub-fixtures.js';
import { RestartableHub, waitForHub, withHub } from '../support/hub-wall.js';
import { layout, pageConfig, tile, windowFor } from '../support/fixtures.js';
import { WallBrowser, debugState, waitForState } from '../support/wall-browser.js';
import { startCutProxy, type CutProxy } from './tcp-cut-proxy.js';

const S = 0.25;
const wall = makeWall({ columns: 1, rows: 1 });
const w0 = windowFor(wall, 'node-1');
const text = (id: string, words: string) => tile({ id, widget: 'text', cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }, props: { text: words } });
const LAYOUTS = [layout('normal', [text('a', 'Bình thường')]), layout('flood', [text('b', 'Ứng phó ngập')])];
/** A silent link is noticed by the ping timeout (a ping interval, then its timeout), with slack for a shared machine. */
const NOTICED_BY_MS = PING_INTERVAL_MS + PING_TIMEOUT_MS + 3000;

describe('fault: node cut off and back', () => {
  let browser: WallBrowser;
  let hub: RestartableHub;
  let proxy: CutProxy;
  beforeAll(async () => {
    hub = new RestartableHub({ layouts: LAYOUTS });
    [browser] = await Promise.all([WallBrowser.start(), hub.start()]);
    proxy = await startCutProxy({ port: hub.port });
  });
  afterAll(async () => {
    await browser?.closeWindows({ allowHttp: true });
    await browser?.close();
    await proxy?.destroy();
    await hub?.cleanup();
  });

  it('shows the loss, keeps its layout, and on return shows the layout and alert the hub has now', async () => {
    const win = await browser.open(withHub(pageConfig({ wall, layouts: LAYOUTS, window: w0, scale: S }), proxy.url));
    await waitForHub(win, (h) => h.connection === 'connected' && h.snapshots >= 1, 'connected through the proxy');
    await waitForState(win, (s) => s.layout === 'normal' && s.tiles.every((t) => t.ready));

    const cutAt = Date.now();
    proxy.cut();
    const down = await waitForHub(win, (h) => h.badge.kind === 'disconnected' || h.badge.kind === 'reconnecting', 'badge shows the loss', NOTICED_BY_MS + 5000);
    const noticedMs = Date.now() - cutAt;
    expect(noticedMs).toBeLessThanOrEqual(NOTICED_BY_MS);
    expect(down.badge.text).toMatch(/Mất kết nối từ \d\d:\d\d:\d\d/);
    const during = await debugState(win);
    expect(during.layout).toBe('normal');
    expect(during.tiles.map((t) => [t.id, t.texts.map((x) => x.text).join(' ')])).toEqual([['a', expect.stringContaining('Bình thường')]]);

    // Meanwhile, at the hub: an operator switches to the flood layout, an integration raises an alert.
    expect((await api(hub.url, 'POST', '/api/layout', TOKENS.operator, { layout: 'flood' })).status).toBe(202);
    expect((await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, { id: 'ngap-cut', severity: 'critical', sector: 'flood', area: 'TP. Cà Mau', title: 'Ngập sâu 40 cm' })).status).toBe(201);
    expect((await debugState(win)).layout).toBe('normal');

    const backAt = Date.now();
    proxy.restore();
    await waitForHub(win, (h) => h.connection === 'connected' && h.badge.kind === 'connected' && h.alerts.some((a) => a.id === 'ngap-cut'), 'reconnected with the alert', 20_000);
    const after = await waitForState(win, (s) => s.layout === 'flood' && s.tiles.every((t) => t.ready), undefined, 20_000);
    expect(after.tiles.map((t) => [t.id, t.texts.map((x) => x.text).join(' ')])).toEqual([['b', expect.stringContaining('Ứng phó ngập')]]);
    console.log(`node cut: noticed after ${noticedMs} ms (bound ${NOTICED_BY_MS}); back on the current layout ${Date.now() - backAt} ms after the link returned`);
    expect((await api(hub.url, 'GET', '/api/layout', TOKENS.operator)).body.current).toMatchObject({ layout: 'flood' });
  });
});
