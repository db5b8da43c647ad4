/**
 * A web tile in the console's wall picture (issue 14): a wall window whose layout shows a web tile
 * sends thumbnails taken from the host's page capture (src/renderer/net/page-capture.ts), not from
 * the WebGL canvas, where the tile is only a transparent hole. The hub receives a thumbnail whose
 * pixels at the tile are the page's colour, with the canvas's own content beside it. Also measures
 * what one page capture costs here (headless Chromium, SwiftShader), for docs/console.md.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wallIdentity } from '../../src/core/page/hub-config.js';
import type { PageCapture, PageCaptureRequest } from '../../src/core/page/host-api.js';
import { layout, pageConfig, tile, twoScreenWall, windowFor } from '../support/fixtures.js';
import { TOKENS, api, testHub, until } from '../support/hub-fixtures.js';
import { WallBrowser, waitForState, type WallWindow } from '../support/wall-browser.js';

type Hub = Awaited<ReturnType<typeof testHub>>;

const GREEN = [0, 200, 83];
const WALL = twoScreenWall();
const near = (p: readonly number[], c: readonly number[], tol = 24): boolean => c.every((v, i) => Math.abs(v - p[i]!) <= tol);

/** The thumbnail's pixels at points given as fractions of its size, decoded by the wall window's Chromium. */
async function pixelsAt(win: WallWindow, jpeg: Buffer, points: [number, number][]): Promise<number[][]> {
  return win.page.evaluate(
    async ({ data, points }) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      return points.map(([fx, fy]) => [...ctx.getImageData(Math.floor(fx * bitmap.width), Math.floor(fy * bitmap.height), 1, 1).data].slice(0, 3));
    },
    { data: jpeg.toString('base64'), points },
  );
}

describe('web tiles in the wall thumbnail (e2e)', () => {
  let server: Server;
  let origin: string;
  let hub: Hub;
  let walls: WallBrowser;
  let wall: WallWindow;
  const identity = wallIdentity(windowFor(WALL));

  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(`<!doctype html><html><body style="margin:0;height:100vh;background:rgb(${GREEN.join(',')})"></body></html>`);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Screen 1: a kpi (canvas content); screen 2: the web tile (page content under the canvas).
    const layouts = [
      layout('dash', [
        tile({ id: 'k', widget: 'kpi', cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }, title: 'Chỉ số', topics: ['test.kpi.value'] }),
        tile({ id: 'dash', widget: 'web', cell: { col: 1, row: 0, colSpan: 1, rowSpan: 1 }, title: { vi: 'Bảng điều khiển', en: 'Dashboard' }, props: { url: `${origin}/solid` } }),
      ]),
    ];
    hub = await testHub({ wall: WALL, layouts });
    walls = await WallBrowser.start();
    wall = await walls.open({ ...pageConfig({ wall: WALL, layouts, initialLayout: 'dash', scale: 0.25 }), hub: { url: hub.url, token: TOKENS.wall, sound: false, thumbnailEveryS: 2 } });
  });

  afterAll(async () => {
    await walls?.close();
    await hub?.cleanup();
    await new Promise<void>((done) => server?.close(() => done()));
  });

  it("sends thumbnails showing the web tile's page where the tile is", async () => {
    await waitForState(wall, (s) => s.tiles.find((t) => t.id === 'dash')?.web?.visible === true, undefined, 20_000);
    const url = `/api/walls/${identity.window}/thumbnail?node=${identity.node}`;
    // The first thumbnail may predate the page's load (the tile's "loading" placeholder): the next ones show it.
    const pixels = await until(
      async () => {
        const res = await fetch(`${hub.url}${url}`, { headers: { Authorization: `Bearer ${TOKENS.operator}` } });
        if (res.status !== 200) return null;
        expect(res.headers.get('content-type')).toBe('image/jpeg');
        const px = await pixelsAt(wall, Buffer.from(await res.arrayBuffer()), [[0.75, 0.5], [0.55, 0.1], [0.95, 0.9], [0.25, 0.5]]);
        return px.slice(0, 3).every((p) => near(p, GREEN)) ? px : null;
      },
      'a thumbnail with the web tile green',
      20_000,
      200,
    );
    // Screen 1 is the canvas's drawing (the kpi tile), not the page's green nor a transparent black hole.
    expect(near(pixels[3]!, GREEN)).toBe(false);
    expect((await api(hub.url, 'GET', url, TOKENS.operator)).status).toBe(200);
  });

  it('measures a page capture at the thumbnail size', async () => {
    const ms = await wall.page.evaluate(async () => {
      const host = window.wallrunHost!;
      const request: PageCaptureRequest = { width: 638, height: 180, quality: 0.9 };
      const times: number[] = [];
      let last: PageCapture | null = null;
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        last = await host.capturePage!(request);
        times.push(performance.now() - t0);
      }
      return { times, width: last!.width, height: last!.height };
    });
    console.log(`page capture at ${ms.width} × ${ms.height}: ${ms.times.map((t) => t.toFixed(1)).join(', ')} ms`);
    expect(Math.abs(ms.width - 638)).toBeLessThanOrEqual(2);
  });
});
