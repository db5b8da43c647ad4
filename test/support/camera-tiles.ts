/**
 * Camera tiles in e2e tests. Waiting on a wall window's first camera tile (the page's `wallrunCameras()` debug state) until it
 * is in the state a test expects: polled every 100 ms, so the test waits on the tile's state, not on
 * a fixed time; past `timeoutMs` it fails naming `what` and the tile's last state.
 */
import { tileRect } from '../../src/core/wall/geometry.js';
import type { Layout, Tile, Wall } from '../../src/core/wall/model.js';
import type { CameraTileDebug } from '../../src/renderer/widgets/camera.js';
import { windowFor } from './fixtures.js';
import type { WallWindow } from './wall-browser.js';

export async function waitForTile(win: WallWindow, predicate: (t: CameraTileDebug) => boolean, timeoutMs: number, what: string): Promise<CameraTileDebug> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const c: { tiles: CameraTileDebug[] } = await win.page.evaluate(() => window.wallrunCameras?.() ?? { tiles: [] });
    const t = c.tiles[0];
    if (t && predicate(t)) return t;
    if (Date.now() > deadline) throw new Error(`${what} not reached in ${timeoutMs} ms; last: ${JSON.stringify(t)}`);
    await win.page.waitForTimeout(100);
  }
}

/**
 * A tile's rect in the px of a capture of node-1's window drawn at `scale`, less `inset` of its
 * size on every side (the tile's frame and label stay out of a pixel comparison).
 */
export function tileImageRect(wall: Wall, layout: Layout, tile: Tile, scale: number, inset = 0.1): { x: number; y: number; width: number; height: number } {
  const r = tileRect(wall, layout, tile);
  const vp = windowFor(wall, 'node-1').viewport;
  return {
    x: (r.x - vp.x + r.width * inset) * scale,
    y: (r.y - vp.y + r.height * inset) * scale,
    width: r.width * (1 - 2 * inset) * scale,
    height: r.height * (1 - 2 * inset) * scale,
  };
}
