/**
 * The headless demo's picture of the whole wall: each window's part, composed where the window
 * sits on the wall, bezels between.
 *
 * A window normally gives its page's next rendered frame (`wallrunDebug.captureFrame`). A window
 * the watchdog gave up on shows its static fallback page (a `data:` page with no script, so no
 * `wallrunDebug`): its part is Chromium's plain screenshot of that page, which says what is wrong.
 * A window that gives neither in time (a page crashing right now, a hung renderer) has its part
 * marked with grey stripes. Either way the other windows' parts are still captured, and a log line
 * names the window when what its part shows changes.
 */
import type { DemoPlan } from '../core/displays/demo-plan.js';
import type { WallDebugApi } from '../core/page/debug-hook.js';
import { decodePng } from '../shell/png-decode.js';
import { composeImages, encodePng, type RgbaImage } from '../shell/png-encode.js';
import type { WallWindow } from '../shell/wall-window.js';

/** How long one window may take to give its part of one picture. */
export const CAPTURE_TIMEOUT_MS = 30_000;

/** What the wall picture needs of one window. */
export interface CaptureSource {
  /** The page's next rendered frame; null when the page has no `wallrunDebug` (the fallback page). */
  frame(): Promise<RgbaImage | null>;
  /** What the window shows now, as Chromium's PNG screenshot. */
  screenshot(): Promise<Uint8Array>;
}

/** A browser-shell window as a capture source; `page` is read per call (the watchdog replaces it). */
export function captureSource(w: WallWindow, timeoutMs = CAPTURE_TIMEOUT_MS): CaptureSource {
  return {
    frame: async () => {
      const f = await w.page.evaluate(() => {
        const api = (globalThis as unknown as { wallrunDebug?: WallDebugApi }).wallrunDebug;
        return api ? api.captureFrame() : null;
      });
      return f && { width: f.width, height: f.height, data: new Uint8Array(Buffer.from(f.rgba, 'base64')) };
    },
    screenshot: async () => new Uint8Array(await w.page.screenshot({ type: 'png', timeout: timeoutMs })),
  };
}

/** What a window's part of the picture showed last. */
type PartKind = 'frame' | 'fallback screenshot' | 'marked';

/** Grey stripes (a "no picture" mark no layout draws), `width` × `height`. */
export function markedImage(width: number, height: number): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = Math.floor((x + y) / 4) % 2 === 0 ? 96 : 160;
      data.set([v, v, v, 255], (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

/** `image` cut to at most `width` × `height`, so a part never draws over its neighbours. */
function cropTo(image: RgbaImage, width: number, height: number): RgbaImage {
  if (image.width <= width && image.height <= height) return image;
  const w = Math.min(width, image.width);
  const h = Math.min(height, image.height);
  const data = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) data.set(image.data.subarray(y * image.width * 4, (y * image.width + w) * 4), y * w * 4);
  return { width: w, height: h, data };
}

/** Rejects with `message` after `ms`; the timer never outlives the race. */
async function within<T>(ms: number, message: string, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

export class WallPicture {
  /** Every window starts as "frame": only a change from the normal case is logged. */
  private readonly last: PartKind[];

  public constructor(
    private readonly plan: DemoPlan,
    private readonly sources: readonly CaptureSource[],
    private readonly bezel: [number, number, number],
    private readonly log: (line: string) => void,
    private readonly timeoutMs = CAPTURE_TIMEOUT_MS,
  ) {
    this.last = sources.map(() => 'frame');
  }

  /** One picture of the whole wall, as PNG; never fails for one window's sake. */
  public async capture(): Promise<Buffer> {
    const parts = await Promise.all(this.plan.windows.map((w, i) => this.part(i, w.planned.id, w.rect)));
    return encodePng(composeImages(this.plan.extent, this.bezel, this.plan.windows.map((w, i) => ({ rect: w.rect, image: parts[i]! }))));
  }

  private async part(i: number, id: string, rect: { width: number; height: number }): Promise<RgbaImage> {
    const source = this.sources[i]!;
    const s = this.timeoutMs / 1000;
    try {
      const frame = await within(this.timeoutMs, `rendered no frame in ${s} s`, source.frame());
      if (frame) return this.shows(id, i, 'frame', 'its part of the picture is the wall page again', frame, rect);
      const png = await within(this.timeoutMs, `gave no screenshot in ${s} s`, source.screenshot());
      return this.shows(id, i, 'fallback screenshot', "shows no wall page (the watchdog's fallback page after a crash loop, or a page still loading): its part of the picture is a screenshot of it", decodePng(png), rect);
    } catch (e) {
      return this.shows(id, i, 'marked', `has no picture (${(e as Error).message}): its part is marked with grey stripes`, markedImage(rect.width, rect.height), rect);
    }
  }

  private shows(id: string, i: number, kind: PartKind, why: string, image: RgbaImage, rect: { width: number; height: number }): RgbaImage {
    if (this.last[i] !== kind) this.log(`wallrun demo: window ${id} ${why}`);
    this.last[i] = kind;
    return cropTo(image, rect.width, rect.height);
  }
}
