/**
 * The hub link off the render path (src/renderer/net/socket-host.ts): a wall page whose main thread
 * is held for 12 s (longer than the hub's heartbeat, ping interval 4 s + timeout 5 s) keeps its
 * link, because its socket answers the hub's pings from the page's worker. The hub logs no
 * disconnect, the page is still on its first session afterwards, and what the hub sent meanwhile
 * (an alert raised during the hold) reaches the wall once the thread is free. Before the worker,
 * such a page was dropped with `ping timeout` (docs/reliability.md, "Starvation").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PING_INTERVAL_MS, PING_TIMEOUT_MS } from '../../src/core/protocol/protocol.js';
import { makeWall } from '../support/wall-fixtures.js';
import { TOKENS, api, testHub } from '../support/hub-fixtures.js';
import { waitForHub, withHub } from '../support/hub-wall.js';
import { layout, pageConfig, tile, windowFor } from '../support/fixtures.js';
import { WallBrowser, type WallWindow } from '../support/wall-browser.js';

const wall = makeWall({ columns: 1, rows: 1 });
const HOLD_MS = PING_INTERVAL_MS + PING_TIMEOUT_MS + 3000;
const list = layout('list', [tile({ id: 'list', widget: 'alert-list', cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }, props: { fontSizePx: 40 } })]);

describe('the hub link in a worker', () => {
  let browser: WallBrowser;
  let hub: Awaited<ReturnType<typeof testHub>>;
  let win: WallWindow;
  const hubLog: string[] = [];

  beforeAll(async () => {
    hub = await testHub({ layouts: [list], log: (m) => hubLog.push(m) });
    browser = await WallBrowser.start();
    win = await browser.open(withHub(pageConfig({ wall, layouts: [list], window: windowFor(wall), scale: 0.25 }), hub.url));
    await waitForHub(win, (h) => h.connection === 'connected' && h.snapshots === 1, 'connected');
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.cleanup();
  });

  it(`keeps the link while the page's main thread is held for ${HOLD_MS / 1000} s`, async () => {
    const before = await waitForHub(win, (h) => h.connection === 'connected', 'connected');
    expect(before.linkThread, `the link's socket runs in the worker (${before.linkWorkerFailure ?? ''})`).toBe('worker');
    const logFrom = hubLog.length;
    // The page's thread busy for HOLD_MS (what a render stalled on a starved GPU process does to it).
    const held = win.page.evaluate((ms) => {
      const end = performance.now() + ms;
      while (performance.now() < end) {
        /* held */
      }
    }, HOLD_MS);
    // Raised while the page cannot run a line of script: it waits in the page's queue until the thread is free.
    const raised = await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, { id: 'held-1', severity: 'critical', sector: 'flood', area: 'TP. Cà Mau', title: 'Ngập sâu 40 cm' });
    expect(raised.status).toBe(201);
    await held;
    const after = await waitForHub(win, (h) => h.alerts.some((a) => a.id === 'held-1'), 'the alert raised during the hold');
    expect(hubLog.slice(logFrom).filter((l) => / disconnected \(/.test(l)), 'the hub dropped nobody').toEqual([]);
    expect(after.connection).toBe('connected');
    expect(after.snapshots, 'still on its first session').toBe(1);
  }, 60_000);
});
