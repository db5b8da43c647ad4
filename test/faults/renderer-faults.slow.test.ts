/**
 * Faults of the wall's renderer, with a hub: the renderer crashes (CDP Page.crash) and the WebGL
 * context is lost (WEBGL_lose_context) while an acknowledgement waits for a hub that is down. The
 * browser shell's watchdog gives the window a fresh page on the layout the hub chose; the pending
 * acknowledgement comes back from local storage; a lost context rebuilds the scene; when the hub
 * returns the acknowledgement is stored exactly once. The watchdog alone (crash twice, hang, crash
 * loop): test/e2e/watchdog.test.ts; a lost context without a hub: test/e2e/layout-switch.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WatchdogConfig, WatchdogReport } from '../../src/core/kiosk/watchdog-rules.js';
import { makeWall } from '../support/wall-fixtures.js';
import { api, TOKENS } from '../support/hub-fixtures.js';
import { RestartableHub, waitForHub, withHub } from '../support/hub-wall.js';
import { layout, pageConfig, tile, windowFor } from '../support/fixtures.js';
import { WallBrowser, assertClean, waitForState, type WallWindow } from '../support/wall-browser.js';

const S = 0.25;
const wall = makeWall({ columns: 1, rows: 1 });
const w0 = windowFor(wall, 'node-1');
const cell = { col: 0, row: 0, colSpan: 1, rowSpan: 1 };
const LAYOUTS = [layout('quiet', [tile({ id: 'note', widget: 'text', cell, props: { text: 'Bình thường' } })]), layout('alarms', [tile({ id: 'list', widget: 'alert-list', cell, props: { fontSizePx: 48 } })])];
/** Only crashes: a long heartbeat timeout, so a crash is not also seen as missed heartbeats. */
const CRASH_ONLY: Partial<WatchdogConfig> = { backoffBaseMs: 200, heartbeatTimeoutMs: 120_000, startupGraceMs: 120_000 };

async function crash(win: WallWindow): Promise<void> {
  const cdp = await win.context.newCDPSession(win.page);
  await cdp.send('Page.crash').catch(() => undefined); // rejects as the page dies
}

describe('fault: renderer crashed, WebGL context lost', () => {
  let browser: WallBrowser;
  let hub: RestartableHub;
  beforeAll(async () => {
    hub = new RestartableHub({ layouts: LAYOUTS });
    [browser] = await Promise.all([WallBrowser.start(), hub.start()]);
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.cleanup();
  });

  it('a crash and a lost context while the hub is down lose neither the layout nor a pending acknowledgement', async () => {
    const reports: WatchdogReport[] = [];
    const win = await browser.shell.openWindow(withHub(pageConfig({ wall, layouts: LAYOUTS, window: w0, scale: S }), hub.url), { watchdog: CRASH_ONLY, onWatchdogReport: (r) => reports.push(r) });
    try {
      await win.ready();
      expect((await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, { id: 'ngap-crash', severity: 'critical', sector: 'flood', area: 'TP. Cà Mau', title: 'Ngập sâu 40 cm' })).status).toBe(201);
      expect((await api(hub.url, 'POST', '/api/layout', TOKENS.operator, { layout: 'alarms' })).status).toBe(202);
      await waitForState(win, (s) => s.layout === 'alarms' && s.hub?.alerts.length === 1 && s.tiles.every((t) => t.ready));

      // The hub goes away; an operator acknowledges on the wall: queued.
      await hub.stop();
      await waitForHub(win, (h) => h.badge.kind === 'disconnected' || h.badge.kind === 'reconnecting', 'badge shows the loss');
      await win.page.keyboard.press('ArrowDown');
      await waitForHub(win, (h) => h.selectedAlert === 'ngap-crash', 'selected');
      await win.page.keyboard.press('Enter');
      await waitForHub(win, (h) => h.dialog !== null, 'dialog open');
      await win.page.keyboard.type('4827');
      await win.page.keyboard.press('Enter');
      const queued = await waitForHub(win, (h) => h.pendingAcks.length === 1, 'ack queued');

      // The renderer crashes: a fresh page, on the hub's layout, with the queue and the alert.
      let since = win.events.length;
      await crash(win);
      const back = await win.waitForEvent('ready', { since, timeoutMs: 20_000 });
      expect(back.layout).toBe('alarms');
      await waitForHub(win, (h) => h.pendingAcks.map((a) => a.ackId).join() === queued.pendingAcks[0]!.ackId && h.alerts.some((a) => a.id === 'ngap-crash' && a.pending), 'queue back after the crash');
      expect(reports.filter((r) => r.kind === 'failure').map((r) => r.trouble)).toEqual(['crashed']);

      // The WebGL context is lost and restored: the scene is rebuilt on the same layout.
      since = win.events.length;
      expect(await win.page.evaluate(() => window.wallrunDebug!.loseContext())).toBe(true);
      await win.waitForEvent('contextLost', { since });
      await win.page.evaluate(() => window.wallrunDebug!.restoreContext());
      expect((await win.waitForEvent('contextRestored', { since })).layout).toBe('alarms');
      await waitForState(win, (s) => s.layout === 'alarms' && s.tiles.length === 1 && s.tiles.every((t) => t.ready) && s.hub!.pendingAcks.length === 1);

      // The hub returns: the acknowledgement is delivered once and stored.
      await hub.start();
      await waitForHub(win, (h) => h.connection === 'connected' && h.pendingAcks.length === 0 && h.alerts[0]?.state === 'acknowledged', 'ack delivered', 30_000);
      const detail = await api(hub.url, 'GET', '/api/alerts/ngap-crash', TOKENS.operator);
      expect(detail.body.alert).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'Nguyễn Văn An' });
      expect(detail.body.audit.filter((e: { action: string }) => e.action === 'ack')).toHaveLength(1);
      assertClean(win, { allowGl: /CONTEXT_LOST|context lost/i, allowHttp: true });
    } finally {
      await win.destroy();
    }
  });
});
