/**
 * The headless demo's wall picture with stand-in windows: a wall page gives its frame, a window on
 * the watchdog's fallback page gives a screenshot instead, one that gives neither is marked; the
 * others are captured all the same, and a log line names each window whose part changed kind.
 * test/e2e/watchdog.test.ts captures a real window on the real fallback page.
 */
import { describe, expect, it } from 'vitest';
import { placeDemoWindows } from '../core/displays/demo-plan.js';
import type { PlannedWindow } from '../core/displays/window-plan.js';
import { decodePng } from '../shell/png-decode.js';
import { encodePng, type RgbaImage } from '../shell/png-encode.js';
import { markedImage, WallPicture, type CaptureSource } from './demo-capture.js';

const BEZEL: [number, number, number] = [0, 0, 0];

/** Three windows side by side on a 30 × 10 px wall with 2 px seams (scale 1). */
const planned = [0, 1, 2].map(
  (i): PlannedWindow => ({
    id: `node-1/w${i}`,
    node: 'node-1',
    bounds: { x: 0, y: 0, width: 8, height: 10 },
    viewport: { x: i * 10, y: 0, width: 8, height: 10 },
    screens: [],
  }),
);
const plan = placeDemoWindows(planned, 1);

function solid(width: number, height: number, rgb: [number, number, number]): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([...rgb, 255], i * 4);
  return { width, height, data };
}

/** A window with the wall page: its frame in `rgb`. */
const wallPage = (rgb: [number, number, number]): CaptureSource => ({
  frame: async () => solid(8, 10, rgb),
  screenshot: () => Promise.reject(new Error('a wall page is captured by its frame')),
});

/** A window showing the fallback page (no wallrunDebug): Chromium's screenshot, in `rgb`. */
const fallbackPage = (rgb: [number, number, number], size = { width: 8, height: 10 }): CaptureSource => ({
  frame: async () => null,
  screenshot: async () => encodePng(solid(size.width, size.height, rgb)),
});

const at = (img: RgbaImage, x: number, y: number): number[] => [...img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 3)];

describe('WallPicture', () => {
  it('captures a window on the fallback page by screenshot while the others give their frames', async () => {
    const lines: string[] = [];
    const picture = new WallPicture(plan, [wallPage([200, 0, 0]), fallbackPage([16, 20, 24]), wallPage([0, 0, 200])], BEZEL, (l) => lines.push(l));
    const img = decodePng(await picture.capture());
    expect([img.width, img.height]).toEqual([28, 10]);
    expect(at(img, 3, 5)).toEqual([200, 0, 0]);
    expect(at(img, 13, 5)).toEqual([16, 20, 24]);
    expect(at(img, 23, 5)).toEqual([0, 0, 200]);
    expect(at(img, 9, 5)).toEqual(BEZEL); // the seam
    expect(lines).toEqual([expect.stringMatching(/window node-1\/w1 shows no wall page \(the watchdog's fallback page/)]);

    // The next picture says nothing new about the same state.
    await picture.capture();
    expect(lines).toHaveLength(1);
  });

  it('marks the part of a window that gives neither frame nor screenshot, naming it, and says when it is back', async () => {
    const lines: string[] = [];
    let broken = true;
    const flaky: CaptureSource = {
      frame: () => (broken ? Promise.reject(new Error('Target page, context or browser has been closed')) : Promise.resolve(solid(8, 10, [0, 150, 0]))),
      screenshot: () => Promise.reject(new Error('not asked')),
    };
    const picture = new WallPicture(plan, [wallPage([200, 0, 0]), flaky, wallPage([0, 0, 200])], BEZEL, (l) => lines.push(l));
    const img = decodePng(await picture.capture());
    const mark = markedImage(8, 10);
    for (const [x, y] of [[0, 0], [7, 0], [3, 9], [5, 5]] as const) expect(at(img, 10 + x, y)).toEqual(at(mark, x, y));
    expect(new Set([0, 1, 2, 3, 4, 5, 6, 7].map((x) => at(img, 10 + x, 0)[0])).size).toBe(2); // stripes, not a flat colour
    expect(at(img, 3, 5)).toEqual([200, 0, 0]);
    expect(at(img, 23, 5)).toEqual([0, 0, 200]);
    expect(lines).toEqual([expect.stringMatching(/window node-1\/w1 has no picture \(Target page, context or browser has been closed\): its part is marked/)]);

    broken = false;
    expect(at(decodePng(await picture.capture()), 13, 5)).toEqual([0, 150, 0]);
    expect(lines[1]).toMatch(/window node-1\/w1 its part of the picture is the wall page again/);
  });

  it('a window that renders no frame in time is marked without holding up the picture past the timeout', async () => {
    const lines: string[] = [];
    const stuck: CaptureSource = { frame: () => new Promise<never>(() => undefined), screenshot: () => Promise.reject(new Error('not asked')) };
    const picture = new WallPicture(plan, [wallPage([200, 0, 0]), stuck, wallPage([0, 0, 200])], BEZEL, (l) => lines.push(l), 50);
    const img = decodePng(await picture.capture());
    expect(at(img, 3, 5)).toEqual([200, 0, 0]);
    expect(lines).toEqual([expect.stringMatching(/window node-1\/w1 has no picture \(rendered no frame in 0\.05 s\)/)]);
  });

  it('a screenshot larger than the window is cut to its area, never drawn over the next window', async () => {
    const picture = new WallPicture(plan, [fallbackPage([16, 20, 24], { width: 20, height: 12 }), wallPage([0, 150, 0]), wallPage([0, 0, 200])], BEZEL, () => undefined);
    const img = decodePng(await picture.capture());
    expect(at(img, 7, 5)).toEqual([16, 20, 24]);
    expect(at(img, 8, 5)).toEqual(BEZEL);
    expect(at(img, 10, 5)).toEqual([0, 150, 0]);
  });
});

describe('WallPicture seams', () => {
  it('cuts a window spanning two displays per screen and draws the column seam between them', async () => {
    // One window over two 8 × 10 displays butted together (16 × 10 desktop px); on the wall the
    // screens sit 2 px apart, behind the bezels.
    const span: PlannedWindow = {
      id: 'node-1/w0',
      node: 'node-1',
      bounds: { x: 0, y: 0, width: 16, height: 10 },
      viewport: { x: 0, y: 0, width: 18, height: 10 },
      screens: [0, 1].map((i) => ({
        screenId: `s${i}`,
        displayId: i + 1,
        windowRect: { x: i * 8, y: 0, width: 8, height: 10 },
        wallRect: { x: i * 10, y: 0, width: 8, height: 10 },
        rotation: 0,
      })),
    };
    const twoScreens = placeDemoWindows([span], 1);
    const frame = solid(16, 10, [0, 150, 0]);
    for (let y = 0; y < 10; y++) for (let x = 8; x < 16; x++) frame.data.set([0, 0, 200, 255], (y * 16 + x) * 4);
    const picture = new WallPicture(twoScreens, [{ frame: async () => frame, screenshot: () => Promise.reject(new Error('not asked')) }], BEZEL, () => undefined);
    const img = decodePng(await picture.capture());
    expect([img.width, img.height]).toEqual([18, 10]);
    expect(picture.size).toEqual({ width: 18, height: 10 });
    for (const y of [0, 5, 9]) {
      expect(at(img, 7, y)).toEqual([0, 150, 0]);
      expect(at(img, 8, y)).toEqual(BEZEL);
      expect(at(img, 9, y)).toEqual(BEZEL);
      expect(at(img, 10, y)).toEqual([0, 0, 200]);
      expect(at(img, 17, y)).toEqual([0, 0, 200]);
    }
  });
});
