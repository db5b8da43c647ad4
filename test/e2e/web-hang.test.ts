/**
 * A web tile whose page stops answering (issue 14: "a frame that stops painting is reloaded"): the
 * dashboard's script hangs (`while (true) {}`) after its first load; the browser shell's probes go
 * unanswered, it tells the page `webFrameStatus` 'unresponsive', the tile shows "Trang không phản
 * hồi — đang tải lại" and reloads the page in a fresh frame, which shows again (pixels of a page
 * capture). The dashboard is served at `localhost`, another site than the wall page (127.0.0.1), so
 * Chromium's site isolation gives it its own renderer process and the hang cannot freeze the wall.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WallBrowser, capturePage, chromiumPath, ensureRendererBuilt, waitForState, type WallWindow } from '../support/wall-browser.js';
import { layout, pageConfig, tile, twoScreenWall, windowFor } from '../support/fixtures.js';
import { pixel, type Image } from '../support/png.js';
import { BrowserShell } from '../../src/shell/browser-shell.js';
import type { Rect } from '../../src/core/wall/model.js';
import type { WallDebugState } from '../../src/core/page/debug-hook.js';

const S = 0.25;
const wall = twoScreenWall();
const WEB: Rect = { x: 203, y: 203, width: 720, height: 480 };
const GREEN: [number, number, number] = [0, 200, 83];
const MAGENTA: [number, number, number] = [213, 0, 249];
/** Probes every 0.5 s, 0.4 s to answer, two misses: a hang is told within about 1.5 s. */
const PROBE = { everyMs: 500, timeoutMs: 400, misses: 2 };
const TIMINGS = { loadTimeoutMs: 8000, retryMinMs: 500, retryMaxMs: 1000, readyWaitMs: 3000 };

/** First load: green, and its script hangs a moment after the page loaded. Later loads: magenta, no hang. */
class HangingDashboard {
  public loads = 0;
  public url = '';
  private server!: Server;

  public async start(): Promise<void> {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => this.handle(req, res));
    // `localhost`, not 127.0.0.1 (the wall page's host): another site, so another renderer process.
    await new Promise<void>((resolve) => this.server.listen(0, 'localhost', resolve));
    this.url = `http://localhost:${(this.server.address() as AddressInfo).port}/dash`;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    if (!(req.url ?? '').startsWith('/dash')) {
      res.writeHead(204);
      res.end();
      return;
    }
    this.loads++;
    const first = this.loads === 1;
    const color = (first ? GREEN : MAGENTA).join(',');
    const script = first ? '<script>addEventListener("load", () => setTimeout(() => { while (true) {} }, 300));</script>' : '';
    const body = `<!doctype html><html><body style="margin:0;height:100vh;background:rgb(${color})">${script}</body></html>`;
    const answer = (): void => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(body);
    };
    // The reload answers a second later, so the placeholder stays up long enough to be seen.
    if (first) answer();
    else setTimeout(answer, 1000);
  }

  public async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const img = (r: Rect): Rect => ({ x: (r.x - 3) * S, y: (r.y - 3) * S, width: r.width * S, height: r.height * S });

function share(image: Image, r: Rect, c: readonly number[]): number {
  let hits = 0;
  let of = 0;
  for (let y = Math.ceil(r.y); y < Math.floor(r.y + r.height); y++) {
    for (let x = Math.ceil(r.x); x < Math.floor(r.x + r.width); x++) {
      of++;
      const p = pixel(image, x, y);
      if (c.every((v, i) => Math.abs(p[i]! - v) <= 16)) hits++;
    }
  }
  return hits / of;
}

const web = (s: WallDebugState) => s.tiles.find((t) => t.id === 'dash')?.web;
const texts = (s: WallDebugState) => s.tiles.find((t) => t.id === 'dash')?.texts.map((t) => t.text).join('\n') ?? '';

describe('a web tile whose page stops answering', () => {
  let browser: WallBrowser;
  const dashboard = new HangingDashboard();
  beforeAll(async () => {
    await dashboard.start();
    await ensureRendererBuilt();
    browser = WallBrowser.wrap(await BrowserShell.launch({ chromiumPath: chromiumPath(), webProbe: PROBE }));
  });
  afterAll(async () => {
    await browser?.closeWindows({ allowHttp: true });
    await browser?.close();
    await dashboard.stop();
  });

  it('is told by the host, shows "not responding", is reloaded in a fresh frame and shows again', async () => {
    const dash = tile({ id: 'dash', widget: 'web', rect: WEB, title: { vi: 'Bảng điều khiển' }, props: { url: dashboard.url } });
    const config = { ...pageConfig({ wall, layouts: [layout('web', [dash])], window: windowFor(wall, 'node-1'), scale: S }), web: TIMINGS };
    const win: WallWindow = await browser.open(config);
    await waitForState(win, (s) => web(s)?.visible === true);

    // The script hangs; the wall page goes on rendering frames while the host's probes go unanswered.
    const hung = await waitForState(win, (s) => web(s)?.status === 'unresponsive');
    expect(web(hung)).toMatchObject({ visible: false, reason: 'no answer within 0.4 s, 2 times in a row' });
    expect(texts(hung)).toContain('Trang không phản hồi — đang tải lại');
    expect(win.webFrameStatuses).toContainEqual({ type: 'webFrameStatus', url: dashboard.url, status: 'unresponsive', reason: 'no answer within 0.4 s, 2 times in a row' });
    expect(share(await capturePage(win), img(WEB), GREEN), 'the hung page is not shown').toBe(0);

    // Reloaded (a second request) into a fresh frame, which loads and shows the page again.
    const back = await waitForState(win, (s) => web(s)?.visible === true);
    expect(web(back)).toMatchObject({ status: 'shown', loads: 2 });
    expect(dashboard.loads).toBe(2);
    expect(share(await capturePage(win), img(WEB), MAGENTA), 'the reloaded page shows in the tile').toBeGreaterThan(0.9);
    expect(await win.page.evaluate(() => document.querySelectorAll('#page-layer iframe').length)).toBe(1);
  });
});
