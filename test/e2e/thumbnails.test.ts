/**
 * The wall side of thumbnails in headless Chromium: ThumbnailSender copies a WebGL canvas right
 * after a frame was rendered (no preserveDrawingBuffer, as on the wall), downscales it and encodes
 * it within the cap; what it sends passes the hub's checks and shows what the canvas showed.
 * The page is a bare WebGL2 canvas cleared to a colour each frame (the wall page's own wiring is
 * covered where the hub session starts the sender). While the host's page capture is wanted (a web
 * tile is shown) the picture is that, else (or when it fails) the canvas.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { checkThumbnail } from '../../src/core/protocol/protocol-validate.js';
import type { Thumbnail } from '../../src/core/protocol/thumbnail.js';
import { ThumbnailStore } from '../../src/hub/thumbnails.js';
import { thumbnailSize } from '../../src/renderer/net/thumbnails.js';
import { SWIFTSHADER_FLAGS } from '../../src/shell/browser-shell.js';
import { PACKAGE_ROOT } from '../../src/shell/paths.js';
import { decodePng, pixel } from '../support/png.js';
import { chromiumPath } from '../support/wall-browser.js';

const ENTRY = `
import { ThumbnailSender } from './src/renderer/net/thumbnails.ts';
const canvas = document.createElement('canvas');
canvas.width = 640; canvas.height = 360;
document.body.append(canvas);
const gl = canvas.getContext('webgl2', { preserveDrawingBuffer: false, antialias: false });
let color = [1, 0, 0];
const after = [];
function frame() {
  gl.clearColor(color[0], color[1], color[2], 1);
  gl.clear(gl.COLOR_BUFFER_BIT);
  for (const fn of after.splice(0)) fn(canvas);
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);
const sent = [];
const make = (config) => new ThumbnailSender({
  afterNextFrame: (fn) => after.push(fn),
  identity: { window: 'w1', screens: ['r1c1', 'r1c2'] },
  send: (t) => (sent.push(t), true),
  hubNow: () => Date.now(),
}, config);
const png = make({ mime: 'image/png' });
// The host's page capture stand-in: a 1280 × 720 window picture, green, fitted as asked; or failing.
let pageMode = 'off';
const paged = new ThumbnailSender({
  afterNextFrame: (fn) => after.push(fn),
  identity: { window: 'w1', screens: ['r1c1', 'r1c2'] },
  send: (t) => (sent.push(t), true),
  hubNow: () => Date.now(),
  pageCapture: {
    wanted: () => pageMode !== 'off',
    take: async (fit) => {
      if (pageMode === 'fail') throw new Error('no picture');
      const size = fit({ width: 1280, height: 720 });
      const c = new OffscreenCanvas(size.width, size.height);
      const ctx = c.getContext('2d');
      ctx.fillStyle = 'rgb(0, 200, 83)';
      ctx.fillRect(0, 0, size.width, size.height);
      return createImageBitmap(c);
    },
  },
}, { mime: 'image/png' });
const jpeg = make({ everyMs: 1000 });
window.thumbTest = {
  setColor: (c) => { color = c; },
  capturePng: () => png.captureNow(),
  capturePaged: async (mode) => {
    pageMode = mode;
    const t = await paged.captureNow();
    return { t, source: paged.lastSource, error: paged.pageCaptureError };
  },
  startJpeg: () => jpeg.init(),
  stopJpeg: () => jpeg.destroy(),
  sent: () => sent.length,
  last: () => sent[sent.length - 1],
};
`;

declare global {
  interface Window {
    thumbTest: {
      setColor(c: number[]): void;
      capturePng(): Promise<Thumbnail | null>;
      capturePaged(mode: 'off' | 'green' | 'fail'): Promise<{ t: Thumbnail | null; source: string | null; error: string | null }>;
      startJpeg(): void;
      stopJpeg(): void;
      sent(): number;
      last(): Thumbnail;
    };
  }
}

describe('wall thumbnails (browser)', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    const bundle = await build({
      stdin: { contents: ENTRY, resolveDir: PACKAGE_ROOT, loader: 'ts' },
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'chrome120',
      write: false,
      logLevel: 'warning',
    });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: SWIFTSHADER_FLAGS });
    page = await browser.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.setContent('<!doctype html><body style="margin:0"></body>');
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  });

  afterAll(async () => {
    await browser?.close();
  });

  const centre = (t: Thumbnail): number[] => {
    const img = decodePng(Buffer.from(t.data, 'base64'));
    return pixel(img, Math.floor(img.width / 2), Math.floor(img.height / 2)).slice(0, 3);
  };

  it('copies what the last frame drew, downscaled to about 320 px across per screen, and the hub accepts it', async () => {
    const red = (await page.evaluate(() => window.thumbTest.capturePng()))!;
    expect(red).toMatchObject({ window: 'w1', screens: ['r1c1', 'r1c2'], mime: 'image/png', ...thumbnailSize({ width: 640, height: 360 }, 2) });
    // Two screens' worth: about 320 × 180 px each (the canvas is 640 × 360).
    expect(red.width).toBeGreaterThan(320);
    expect(centre(red)).toEqual([255, 0, 0]);
    expect(checkThumbnail(red).ok).toBe(true);
    const store = new ThumbnailStore(() => Date.now(), 0);
    expect(store.accept({ node: 'node-1', window: 'w1', screens: ['r1c1', 'r1c2'] }, red).ok).toBe(true);

    await page.evaluate(() => window.thumbTest.setColor([0, 0.5, 1]));
    const blue = (await page.evaluate(() => window.thumbTest.capturePng()))!;
    expect(centre(blue)).toEqual([0, 128, 255]);
    expect(blue.data).not.toBe(red.data);
  });

  it("takes the host's page capture while it is wanted, at the same size, and the canvas when it fails or is not wanted", async () => {
    await page.evaluate(() => window.thumbTest.setColor([1, 0, 0]));
    const paged = await page.evaluate(() => window.thumbTest.capturePaged('green'));
    expect(paged.source).toBe('page');
    expect(paged.t).toMatchObject(thumbnailSize({ width: 1280, height: 720 }, 2));
    expect(centre(paged.t!)).toEqual([0, 200, 83]);
    expect(checkThumbnail(paged.t!).ok).toBe(true);

    const failed = await page.evaluate(() => window.thumbTest.capturePaged('fail'));
    expect(failed).toMatchObject({ source: 'canvas', error: 'no picture' });
    expect(centre(failed.t!)).toEqual([255, 0, 0]);

    const off = await page.evaluate(() => window.thumbTest.capturePaged('off'));
    expect(off.source).toBe('canvas');
    expect(centre(off.t!)).toEqual([255, 0, 0]);
  });

  it('sends JPEG thumbnails on its interval, small and within the cap', async () => {
    const before = await page.evaluate(() => window.thumbTest.sent());
    await page.evaluate(() => window.thumbTest.startJpeg());
    await page.waitForFunction((n) => window.thumbTest.sent() >= n + 2, before, { timeout: 10_000 });
    await page.evaluate(() => window.thumbTest.stopJpeg());
    const t = await page.evaluate(() => window.thumbTest.last());
    expect(t.mime).toBe('image/jpeg');
    const bytes = Buffer.from(t.data, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(bytes.length).toBeLessThan(32 * 1024);
    expect(checkThumbnail(t).ok).toBe(true);
    expect(errors).toEqual([]);
  });
});
