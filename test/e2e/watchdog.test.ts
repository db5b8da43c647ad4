/**
 * The browser shell's watchdog end to end: a crashed renderer is reloaded per the watchdog rules
 * and comes back on the layout it showed when it crashed, not the one it opened with.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WallBrowser, chromiumAvailable } from '../support/wall-browser.js';
import { layout, pageConfig, tile, twoScreenWall } from '../support/fixtures.js';
import type { WatchdogReport } from '../../src/core/watchdog-rules.js';

describe.skipIf(!chromiumAvailable())('browser shell watchdog', () => {
  let browser: WallBrowser;
  beforeAll(async () => {
    browser = await WallBrowser.start();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reloads a crashed page on the layout it last switched to', async () => {
    const t = (id: string) => tile({ id, widget: 'text', cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }, props: { text: id } });
    const layouts = [layout('one', [t('a')]), layout('two', [t('b')])];
    const reports: WatchdogReport[] = [];
    const win = await browser.shell.openWindow(pageConfig({ wall: twoScreenWall(), layouts, scale: 0.25 }), {
      watchdog: { backoffBaseMs: 200 },
      onWatchdogReport: (r) => reports.push(r),
    });
    try {
      await win.ready();
      let since = win.events.length;
      await win.command({ type: 'switchLayout', layout: 'two' });
      await win.waitForEvent('layoutSwitched', { since, pred: (e) => e.to === 'two' });

      since = win.events.length;
      const crashedAt = Date.now();
      const cdp = await win.context.newCDPSession(win.page);
      await cdp.send('Page.crash').catch(() => undefined); // rejects as the page dies
      const ready = await win.waitForEvent('ready', { since, timeoutMs: 15_000 });
      const recoveryMs = Date.now() - crashedAt;
      console.log(`watchdog: page back on "${ready.layout}" ${recoveryMs} ms after the crash`);
      // playwright's page calls (evaluate, debug state) end with the crash; the events come through CDP.
      expect(ready.layout).toBe('two');
      const since2 = win.events.length;
      await win.waitForEvent('fps', { since: since2, timeoutMs: 5_000 }); // and the page runs on
      expect(reports).toContainEqual(expect.objectContaining({ kind: 'failure', trouble: 'crashed' }));
      expect(recoveryMs).toBeLessThan(15_000);
    } finally {
      await win.close();
    }
  });
});
