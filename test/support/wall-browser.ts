/**
 * Test harness for wall pages: builds the page once per test process, launches Chromium (found
 * as findChromium finds it; a missing one fails the test, never skips it) through the browser
 * shell (one context per window), and gives tests event- and state-driven
 * waits, the debug state, and decoded captures. A window that logged a WebGL error or a page error
 * fails the test in `close()`/`assertClean()`.
 *
 * Pixel captures: `capture()` takes a page screenshot (what the compositor really shows) and
 * decodes it in Node (test/support/png.ts). Frame-exact checks (layout switch) use the page's
 * rAF-synchronised readPixels probe instead (wallrunDebug.startProbe / takeProbe).
 */
import type { ProbeFrame, WallDebugState } from '../../src/core/page/debug-hook.js';
import type { WallPageConfig } from '../../src/core/page/host-api.js';
import { BrowserShell, chromiumOrThrow, type BrowserShellOptions, type WallWindow } from '../../src/shell/browser-shell.js';
import { buildRenderer } from '../../src/shell/build-renderer.js';
import { decodePng, type Image } from './png.js';

export type { WallWindow };

let built: Promise<string> | null = null;

/** Builds dist/renderer once per test process (esbuild: about a second). */
export function ensureRendererBuilt(): Promise<string> {
  built ??= buildRenderer();
  return built;
}

/**
 * Chromium for a browser test, found as the product finds it (findChromium: WALLRUN_CHROMIUM, the
 * default path, then PATH). A machine without it fails the test with ChromiumMissingError's
 * message: a browser test never skips (CI installs Chromium), so a green run means it ran.
 */
export function chromiumPath(): string {
  return chromiumOrThrow();
}

export class WallBrowser {
  private readonly windows: WallWindow[] = [];

  private constructor(public readonly shell: BrowserShell) {}

  /** `options.assetsDir`: a test's own assets folder (fixture GeoJSON) instead of the shipped one. */
  public static async start(options: Pick<BrowserShellOptions, 'assetsDir'> = {}): Promise<WallBrowser> {
    const chromiumPathFound = chromiumPath();
    await ensureRendererBuilt();
    return new WallBrowser(await BrowserShell.launch({ ...options, chromiumPath: chromiumPathFound }));
  }

  /** Wraps a shell a test launched with options of its own (e.g. a hub to trust). */
  public static wrap(shell: BrowserShell): WallBrowser {
    return new WallBrowser(shell);
  }

  /** Opens a window and waits for its `ready` event (first layout on screen). */
  public async open(config: WallPageConfig): Promise<WallWindow> {
    const win = await this.shell.openWindow(config);
    this.windows.push(win);
    await win.ready();
    return win;
  }

  /** Closes every window, then throws if any logged a WebGL error or a page error. */
  public async closeWindows(options: { allowGl?: RegExp; allowHttp?: boolean } = {}): Promise<void> {
    const windows = this.windows.splice(0);
    await Promise.all(windows.map((w) => w.destroy()));
    for (const w of windows) assertClean(w, options);
  }

  public async close(): Promise<void> {
    await this.closeWindows().finally(() => this.shell.destroy());
  }
}

/**
 * Throws listing page errors, WebGL console errors and failed requests (`allowGl`: GL lines a
 * test provokes on purpose, e.g. context loss; `allowHttp`: requests expected to fail).
 */
export function assertClean(win: WallWindow, options: { allowGl?: RegExp; allowHttp?: boolean } = {}): void {
  const gl = win.glErrors.filter((t) => !(options.allowGl && options.allowGl.test(t)));
  const http = options.allowHttp ? [] : win.httpErrors;
  const problems = [...win.errors, ...gl.map((t) => `webgl: ${t}`), ...http.map((t) => `http: ${t}`)];
  if (problems.length > 0) throw new Error(`wall page reported problems:\n${problems.join('\n')}`);
}

export async function debugState(win: WallWindow): Promise<WallDebugState> {
  return win.page.evaluate(() => window.wallrunDebug!.state());
}

/**
 * Waits until the debug state satisfies `predicate`, checking it in Node once per rendered frame
 * (each read waits for the page's next requestAnimationFrame). The predicate stays in Node because
 * the page's CSP forbids evaluating strings, which playwright's waitForFunction relies on.
 */
export async function waitForState<A>(
  win: WallWindow,
  predicate: (s: WallDebugState, arg: A) => boolean,
  arg?: A,
  timeoutMs = 20_000,
): Promise<WallDebugState> {
  const deadline = Date.now() + timeoutMs;
  let last: WallDebugState | undefined;
  while (Date.now() < deadline) {
    last = await nextFrameState(win);
    if (predicate(last, arg as A)) return last;
  }
  throw new Error(`state not reached within ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
}

/** The debug state read right after the page's next frame. */
export async function nextFrameState(win: WallWindow): Promise<WallDebugState> {
  return win.page.evaluate(() => new Promise<WallDebugState>((resolve) => requestAnimationFrame(() => resolve(window.wallrunDebug!.state()))));
}

/**
 * Waits until the page has run its scene `n` more frames (state, not time): what was published or
 * changed before is then drawn. Frames the scene ran, not frames rendered: a page renders only
 * frames in which something changed (src/renderer/render-requests.ts), and under load shedding
 * some animation frames run nothing.
 */
export async function waitFrames(win: WallWindow, n: number): Promise<void> {
  const { render } = await debugState(win);
  await waitForState(win, (s, r) => s.render.processed >= r, render.processed + n);
}

/**
 * The canvas as the page's next frame rendered it (gl.readPixels right after rendering; device
 * px). Frame-exact and far faster under SwiftShader than a screenshot, which waits for the
 * compositor; `screenshot()` is the compositor's view when that is what a test means.

 * A layout with web tiles needs capturePage() instead.
 */
export async function capture(win: WallWindow): Promise<Image> {
  const { width, height, rgba } = await win.page.evaluate(() => window.wallrunDebug!.captureFrame());
  return { width, height, data: new Uint8Array(Buffer.from(rgba, 'base64')) };
}

/**
 * The whole page as the compositor shows it: the only capture holding the page layer (web tiles'
 * frames live under the canvas, outside its pixels; src/renderer/README.md "Page layer"). Waits
 * for the page's next frame first, so the frame placements of the state just read are applied.
 */
export async function capturePage(win: WallWindow): Promise<Image> {
  await nextFrameState(win);
  return screenshot(win);
}

/** A decoded screenshot of the page (what the compositor shows). */
export async function screenshot(win: WallWindow): Promise<Image> {
  return decodePng(await win.screenshotPng());
}

/**
 * Records the probe points of every frame: `leadFrames` before `during` runs (so the old state is
 * on record), through it, and `settleFrames` after it.
 */
export async function probeFrames(
  win: WallWindow,
  points: { x: number; y: number }[],
  during: () => Promise<void>,
  settleFrames = 3,
  leadFrames = 2,
): Promise<ProbeFrame[]> {
  await win.page.evaluate((p) => window.wallrunDebug!.startProbe(p), points);
  await waitFrames(win, leadFrames);
  await during();
  await waitFrames(win, settleFrames);
  return win.page.evaluate(() => window.wallrunDebug!.takeProbe());
}
