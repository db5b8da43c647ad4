/**
 * The review page the CLI renders headless (`wallrun render`, `wallrun check`): the real wall page
 * showing the whole wall in one window, values from the local demo feed, built for one layout;
 * and the legibility report read back from it (what every text is drawn at).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Project, Wall } from '../core/wall/model.js';
import type { WallDebugApi } from '../core/page/debug-hook.js';
import { reviewWindow, type FrozenWall, type WallPageConfig } from '../core/page/host-api.js';
import { buildPageConfig } from '../core/page/page-config.js';
import { CAP_HEIGHT_RATIO, legibleMinimum, type DrawnText, type LegibleMinimum } from '../core/wall/legibility.js';
import { BrowserShell, ChromiumMissingError, type WallWindow } from '../shell/browser-shell.js';
import { buildRenderer } from '../shell/build-renderer.js';
import { RENDERER_DIST, RENDERER_SRC } from '../shell/paths.js';
import type { RenderData } from './render-data.js';

/** What `--report` writes: the wall's minimum and every text the layout draws, in wall px. */
export interface TextReport {
  layout: string;
  wall: string;
  /** Cap height as a share of the font size (Be Vietnam Pro). */
  capHeightRatio: number;
  minimum: LegibleMinimum & { viewingDistanceM: number; legibilityRatio: number };
  texts: DrawnText[];
}

/**
 * The still wall of `wallrun render --frozen` and the reference images (test/reference/README.md):
 * Saturday morning in the province's zone, demo draws from seed 1. Changing it changes every
 * reference image.
 */
export const FROZEN_WALL: FrozenWall = { at: Date.parse('2026-12-06T09:30:00+07:00'), seed: 1 };

/** The page config of the review page for one layout of a project with a wall. */
export function reviewConfig(
  project: Omit<Project, 'wall'> & { wall?: Wall },
  layout: string,
  scale: number,
  data?: RenderData,
  frozen?: FrozenWall,
): WallPageConfig | undefined {
  if (!project.wall) return undefined;
  const config = buildPageConfig({ ...project, wall: project.wall }, reviewWindow(project.wall), {
    layout,
    lang: 'vi',
    scale,
    cameraBase: '',
    assetBase: '',
    review: true,
    demoFeed: true,
    ...(data ? { data } : {}),
    ...(frozen ? { frozen } : {}),
  });
  // A frozen wall's cameras are still at their placeholder: ready once it says "no signal yet".
  return frozen ? { ...config, camera: { readyWhenDown: true } } : config;
}

/** Builds the page from source when wallrun runs from its repository; an error line when it is missing. */
export async function ensureWallPage(): Promise<string | null> {
  if (existsSync(join(RENDERER_SRC, 'main.ts'))) await buildRenderer();
  else if (!existsSync(join(RENDERER_DIST, 'wall.js'))) return `the wall page is missing (${RENDERER_DIST}); reinstall wallrun`;
  return null;
}

/** Starts the headless browser, or says why it cannot. */
export async function launchShell(): Promise<BrowserShell | string> {
  try {
    return await BrowserShell.launch();
  } catch (err) {
    return err instanceof ChromiumMissingError ? err.message : `cannot start Chromium: ${(err as Error).message}`;
  }
}

/** The wall page built or found, then the headless browser; null (the reason said) when either is missing. */
export async function reviewShell(say: (line: string) => void): Promise<BrowserShell | null> {
  const missing = await ensureWallPage();
  if (missing) {
    say(`wallrun: ${missing}`);
    return null;
  }
  const shell = await launchShell();
  if (typeof shell === 'string') {
    say(`wallrun: ${shell}`);
    return null;
  }
  return shell;
}

/** The texts the window's scene draws now (the page's debug hook: src/renderer/scene/text-report.ts). */
export async function drawnTextsOf(win: WallWindow): Promise<DrawnText[]> {
  return win.page.evaluate(() => {
    const api = (globalThis as unknown as { wallrunDebug?: WallDebugApi }).wallrunDebug;
    if (!api) throw new Error('the wall page has no debug hook');
    return api.texts();
  });
}

export function textReport(wall: Wall, layout: string, texts: DrawnText[]): TextReport {
  return {
    layout,
    wall: wall.id,
    capHeightRatio: CAP_HEIGHT_RATIO,
    minimum: { ...legibleMinimum(wall), viewingDistanceM: wall.viewingDistanceM, legibilityRatio: wall.legibilityRatio },
    texts,
  };
}

/**
 * Waits until every web tile of the shown layout has settled: its page shown, refused, or failed
 * (the page's load timeout, WEB_TIMINGS.loadTimeoutMs, 20 s, ends a hanging one), then for the
 * next frame, so the picture holds the page or the placeholder that says why not. The page's own
 * `ready` does not wait that long: on a wall a web tile is ready for a layout switch after
 * `readyWaitMs` (6 s) still loading, and its frame appears when it loads; a render is one picture.
 * Returns the tiles still loading at `timeoutMs` (none normally).
 */
export async function settleWebTiles(win: WallWindow, timeoutMs = 25_000): Promise<string[]> {
  const settled = await win.page.waitForFunction(webTilesLoading, false, { polling: 'raf', timeout: timeoutMs }).then(
    () => true,
    () => false,
  );
  if (!settled) return (await win.page.evaluate(webTilesLoading, true)) as string[];
  // Runs in the page (Node has no requestAnimationFrame): two frames, so the last load is painted.
  await win.page.evaluate(() => new Promise((resolve) => {
    const raf = (globalThis as unknown as { requestAnimationFrame(fn: () => void): number }).requestAnimationFrame;
    raf(() => raf(() => resolve(undefined)));
  }));
  return [];
}

/** In the page (self-contained): the web tiles not settled yet, or (`list` false) whether none is. */
function webTilesLoading(list: boolean): string[] | boolean {
  const api = (globalThis as unknown as { wallrunDebug?: WallDebugApi }).wallrunDebug;
  const tiles = api?.state().tiles ?? [];
  const ids = tiles.filter((t) => t.web && (t.web.status === 'loading' || (t.web.status === 'shown' && !t.web.visible))).map((t) => t.id);
  return list ? ids : ids.length === 0;
}
