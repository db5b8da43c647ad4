/**
 * The browser shell's watchdog end to end: a crashed (CDP Page.crash) or hung window gets a fresh
 * page on the layout it showed, which playwright drives like any other (evaluate, screenshots), and
 * whose next crash is caught by the crash path again; a crash loop leaves the window on the
 * crash-loop page, which the demo's wall picture takes as a screenshot. The rules are loosened so that only the trouble a test causes can fire: a long
 * heartbeat timeout where crashes are tested, so a crash cannot be noticed as missed heartbeats.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WallBrowser, assertClean, screenshot, waitForState, type WallWindow } from '../support/wall-browser.js';
import { layout, pageConfig, tile, twoScreenWall } from '../support/fixtures.js';
import type { WatchdogConfig, WatchdogReport } from '../../src/core/kiosk/watchdog-rules.js';
import type { WallPageConfig } from '../../src/core/page/host-api.js';
import { placeDemoWindows } from '../../src/core/displays/demo-plan.js';
import { captureSource, WallPicture } from '../../src/cli/demo-capture.js';
import { decodePng } from '../support/png.js';
import type { HealthReport } from '../../src/core/protocol/wall-health.js';
import { TOKENS, api, testHub, until } from '../support/hub-fixtures.js';
import { withHub } from '../support/hub-wall.js';
import { wallIdentity } from '../../src/core/page/hub-config.js';

const text = (id: string) => tile({ id, widget: 'text', cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }, props: { text: id } });
const LAYOUTS = [layout('one', [text('a')]), layout('two', [text('b')])];
/** Only crashes: the heartbeat path stays quiet for the whole test. */
const CRASH_ONLY: Partial<WatchdogConfig> = { backoffBaseMs: 200, heartbeatTimeoutMs: 120_000, startupGraceMs: 120_000 };

/** The watchdog's reports, with a wait for the `n`th one matching (reports come on the watchdog's ticks). */
class Reports {
  public readonly all: WatchdogReport[] = [];
  private waiters: (() => void)[] = [];
  public readonly push = (r: WatchdogReport): void => {
    this.all.push(r);
    for (const w of this.waiters.splice(0)) w();
  };
  public async waitFor(pred: (r: WatchdogReport) => boolean, n = 1, timeoutMs = 20_000): Promise<WatchdogReport> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.all.filter(pred)[n - 1];
      if (hit) return hit;
      if (Date.now() > deadline) throw new Error(`no such watchdog report within ${timeoutMs} ms; reports: ${JSON.stringify(this.all)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now() + 1);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

/** Crashes the window's current renderer, as an out-of-memory kill or a GPU driver fault would. */
async function crash(win: WallWindow): Promise<void> {
  const cdp = await win.context.newCDPSession(win.page);
  await cdp.send('Page.crash').catch(() => undefined); // rejects as the page dies
}

/** Switches the layout through the host API (a playwright evaluate) and waits for the page to say so. */
async function switchTo(win: WallWindow, id: string): Promise<void> {
  const since = win.events.length;
  await win.command({ type: 'switchLayout', layout: id });
  await win.waitForEvent('layoutSwitched', { since, pred: (e) => e.to === id });
}

/** The window shows `id`, every tile drawn, read from the page itself; and it can be screenshot. */
async function expectOn(win: WallWindow, id: string, tileId: string): Promise<void> {
  const state = await waitForState(win, (s) => s.layout === id && s.tiles.length > 0 && s.tiles.every((t) => t.ready));
  expect(state.tiles.map((t) => t.id)).toEqual([tileId]);
  const shot = await screenshot(win);
  expect({ width: shot.width, height: shot.height }).toEqual(win.size);
}

describe('browser shell watchdog', () => {
  let browser: WallBrowser;
  beforeAll(async () => {
    browser = await WallBrowser.start();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const open = async (config: WallPageConfig, rules: Partial<WatchdogConfig>, reports: Reports) => {
    const win = await browser.shell.openWindow(config, { watchdog: rules, onWatchdogReport: reports.push });
    await win.ready();
    return win;
  };

  it('recovers a window crashed twice with a fresh page on its current layout, each crash caught as a crash', async () => {
    const reports = new Reports();
    const win = await open(pageConfig({ wall: twoScreenWall(), layouts: LAYOUTS, scale: 0.25 }), CRASH_ONLY, reports);
    try {
      await switchTo(win, 'two');
      const first = win.page;

      let since = win.events.length;
      await crash(win);
      const back = await win.waitForEvent('ready', { since, timeoutMs: 20_000 });
      expect(back.layout).toBe('two');
      expect(win.page).not.toBe(first);
      await expectOn(win, 'two', 'b');
      // The watchdog counts the new page's heartbeat on its next tick: running again from then on.
      await reports.waitFor((r) => r.kind === 'recovered', 1);

      // The recovered page takes commands; the second crash finds it on the layout it switched to.
      await switchTo(win, 'one');
      since = win.events.length;
      await crash(win);
      const again = await win.waitForEvent('ready', { since, timeoutMs: 20_000 });
      expect(again.layout).toBe('one');
      await expectOn(win, 'one', 'a');

      await reports.waitFor((r) => r.kind === 'recovered', 2);
      const failures = reports.all.filter((r) => r.kind === 'failure');
      expect(failures.map((r) => r.trouble)).toEqual(['crashed', 'crashed']);
      assertClean(win);
    } finally {
      await win.destroy();
    }
  });

  it('tells the hub: the recovered page reports the crash in its health (GET /api/walls)', async () => {
    const hub = await testHub({ layouts: LAYOUTS });
    const reports = new Reports();
    const config = withHub(pageConfig({ wall: twoScreenWall(), layouts: LAYOUTS, scale: 0.25 }), hub.url, { healthEveryS: 1 });
    const win = await open(config, CRASH_ONLY, reports);
    const windowInfo = async () =>
      ((await api(hub.url, 'GET', '/api/walls', TOKENS.operator)).body.walls as { window: string; connected: boolean; health: HealthReport | null }[]).find(
        (w) => w.window === wallIdentity(config.window).window && w.connected,
      );
    try {
      await until(async () => (await windowInfo())?.health, 'a first health report');
      expect((await windowInfo())!.health!.watchdog).toBeUndefined();
      await crash(win);
      await reports.waitFor((r) => r.kind === 'recovered', 1);
      const health = await until(async () => (await windowInfo())?.health?.watchdog, 'a health report naming the recovery');
      expect(health).toMatchObject({ recoveries: 1, last: { trouble: 'crashed', detail: expect.stringContaining('crash') } });
      assertClean(win, { allowHttp: true });
    } finally {
      await win.destroy();
      await hub.cleanup();
    }
  });

  it('recovers a hung window (no fps events) with a fresh page', async () => {
    const reports = new Reports();
    const win = await open(pageConfig({ wall: twoScreenWall(), layouts: LAYOUTS, scale: 0.25 }), { backoffBaseMs: 200, heartbeatTimeoutMs: 5_000 }, reports);
    try {
      await switchTo(win, 'two');
      const since = win.events.length;
      // The main thread never returns: no frames, no fps events. The call ends when the page closes.
      void win.page.evaluate(() => {
        for (;;);
      }).catch(() => undefined);
      const back = await win.waitForEvent('ready', { since, timeoutMs: 30_000 });
      expect(back.layout).toBe('two');
      expect(reports.all).toContainEqual(expect.objectContaining({ kind: 'failure', trouble: 'heartbeat-missed' }));
      await expectOn(win, 'two', 'b');
      assertClean(win);
    } finally {
      await win.destroy();
    }
  });

  it('shows the crash-loop page, naming the window, its screens and the error, once the rules give up', async () => {
    const reports = new Reports();
    const config = pageConfig({ wall: twoScreenWall(), layouts: LAYOUTS, scale: 0.25 });
    const win = await open(config, { ...CRASH_ONLY, crashLoopCount: 3 }, reports);
    try {
      for (let i = 0; i < 2; i++) {
        const since = win.events.length;
        await crash(win);
        await win.waitForEvent('ready', { since, timeoutMs: 20_000 });
      }
      const fallbackOpened = win.context.waitForEvent('page', { timeout: 20_000 });
      await crash(win);
      const report = await reports.waitFor((r) => r.kind === 'crash-loop');
      const fallback = await fallbackOpened;
      await fallback.waitForURL(/^data:text\/html/, { timeout: 20_000 });
      expect(win.page).toBe(fallback);
      expect(win.watchdog?.phase).toBe('gave-up');
      expect(report).toMatchObject({ trouble: 'crashed', failures: 3 });

      const shown = await fallback.locator('body').innerText();
      expect(shown).toContain(config.window.id);
      for (const s of config.window.screens) expect(shown).toContain(s.screenId);
      expect(shown).toContain('renderer crashed');
      expect(shown).toContain('Wall window failed');
      expect(shown).toContain('Cửa sổ màn hình bị lỗi');
      expect(shown).toContain('technician');

      // The demo's picture of the wall takes this window's part as a screenshot of the fallback
      // page (it has no wallrunDebug to give a frame), saying so once, naming the window.
      expect(await captureSource(win).frame()).toBeNull();
      const lines: string[] = [];
      const plan = placeDemoWindows([config.window], config.scale);
      const picture = decodePng(await new WallPicture(plan, [captureSource(win)], [0, 0, 0], (l) => lines.push(l)).capture());
      // Each screen is placed where it is mounted, so seams widen the picture; the first screen's
      // piece, at the picture's origin, is that screen's part of the fallback page, pixel for pixel.
      const shot = await screenshot(win);
      expect(picture.height).toBe(win.size.height);
      expect(picture.width).toBeGreaterThanOrEqual(win.size.width);
      const first = config.window.screens.find((s) => s.windowRect.x === 0 && s.windowRect.y === 0)!;
      const w = Math.round(first.windowRect.width * config.scale);
      for (let y = 0; y < Math.round(first.windowRect.height * config.scale); y++) {
        const row = (img: { width: number; data: Uint8Array }): Buffer => Buffer.from(img.data.subarray(y * img.width * 4, (y * img.width + w) * 4));
        expect(row(picture).equals(row(shot)), `row ${y} of the first screen`).toBe(true);
      }
      expect(lines).toEqual([expect.stringMatching(new RegExp(`window ${config.window.id} shows no wall page \\(the watchdog's fallback page`))]);
      assertClean(win);
    } finally {
      await win.destroy();
    }
  });
});
