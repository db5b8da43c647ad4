/**
 * The headless demo's picture of the whole wall: each window's part, composed where the window
 * sits on the wall, bezels between. A window spanning several displays (a node's row of six) is a
 * desktop of displays butted together, with no seams; its part is cut per screen and each screen
 * placed at its wall position, so every seam is drawn, between columns as between rows.
 *
 * A window normally gives its page's next rendered frame (`wallrunDebug.captureFrame`), or, while
 * it shows page content the canvas does not hold (web tiles, cameras on the element path), a
 * screenshot of the page. A window
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
  /**
   * The page's next rendered frame (with web tiles: the whole page); null when the page has no
   * `wallrunDebug` (the fallback page).
   */
  frame(): Promise<RgbaImage | null>;
  /** What the window shows now, as Chromium's PNG screenshot. */
  screenshot(): Promise<Uint8Array>;
}

/** A browser-shell window as a capture source; `page` is read per call (the watchdog replaces it). */
export function captureSource(w: WallWindow, timeoutMs = CAPTURE_TIMEOUT_MS): CaptureSource {
  return {
    frame: async () => {
      // Web tiles and camera elements are page elements outside the canvas: a page showing any is
      // captured whole, by Chromium's screenshot (slower than readPixels, and not frame-exact).
      const f = await w.page.evaluate(async (): Promise<'page' | Awaited<ReturnType<WallDebugApi['captureFrame']>> | null> => {
        const api = (globalThis as unknown as { wallrunDebug?: WallDebugApi }).wallrunDebug;
        if (!api) return null;
        return api.state().render.pageContent ? 'page' : api.captureFrame();
      });
      if (f === 'page' || w.page.frames().length > 1) return decodePng(await w.page.screenshot({ type: 'png', timeout: timeoutMs }));
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
  return cut(image, { x: 0, y: 0, width, height });
}

/** The part of `image` inside `r` (clamped to the image). */
function cut(image: RgbaImage, r: { x: number; y: number; width: number; height: number }): RgbaImage {
  const x = Math.max(0, Math.min(image.width, r.x));
  const y0 = Math.max(0, Math.min(image.height, r.y));
  const w = Math.max(0, Math.min(image.width - x, r.width));
  const h = Math.max(0, Math.min(image.height - y0, r.height));
  const data = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) data.set(image.data.subarray(((y0 + y) * image.width + x) * 4, ((y0 + y) * image.width + x + w) * 4), y * w * 4);
  return { width: w, height: h, data };
}

/** A placed part of the picture. */
interface Piece {
  rect: { x: number; y: number };
  image: RgbaImage;
}

/**
 * A window's part as pieces: one per screen at the screen's wall position (the seams between
 * them left in the bezel colour), or the whole part where that cannot be done (no screens
 * planned, or a rotated screen, whose window px are not wall px turned).
 */
export function screenPieces(w: DemoPlan['windows'][number], image: RgbaImage, scale: number): Piece[] {
  const screens = w.planned.screens;
  if (screens.length === 0 || screens.some((s) => s.rotation !== 0)) return [{ rect: w.rect, image }];
  const v = w.planned.viewport;
  return screens.map((s) => ({
    rect: { x: w.rect.x + Math.round((s.wallRect.x - v.x) * scale), y: w.rect.y + Math.round((s.wallRect.y - v.y) * scale) },
    image: cut(image, {
      x: Math.round(s.windowRect.x * scale),
      y: Math.round(s.windowRect.y * scale),
      width: Math.round(s.windowRect.width * scale),
      height: Math.round(s.windowRect.height * scale),
    }),
  }));
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
  /** The last picture's size, px (the windows' extent until the first). */
  public size: { width: number; height: number };

  public constructor(
    private readonly plan: DemoPlan,
    private readonly sources: readonly CaptureSource[],
    private readonly bezel: [number, number, number],
    private readonly log: (line: string) => void,
    private readonly timeoutMs = CAPTURE_TIMEOUT_MS,
  ) {
    this.last = sources.map(() => 'frame');
    this.size = { ...plan.extent };
  }

  /** One picture of the whole wall, as PNG; never fails for one window's sake. */
  public async capture(): Promise<Buffer> {
    const parts = await Promise.all(this.plan.windows.map((w, i) => this.part(i, w.planned.id, w.rect)));
    const pieces = this.plan.windows.flatMap((w, i) => screenPieces(w, parts[i]!, this.plan.scale));
    // Seams make the wall wider than its windows' desktop px.
    const extent = {
      width: Math.max(this.plan.extent.width, ...pieces.map((p) => p.rect.x + p.image.width)),
      height: Math.max(this.plan.extent.height, ...pieces.map((p) => p.rect.y + p.image.height)),
    };
    this.size = { width: Math.round(extent.width), height: Math.round(extent.height) };
    return encodePng(composeImages(extent, this.bezel, pieces));
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
