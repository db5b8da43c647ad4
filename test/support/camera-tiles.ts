/**
 * Waiting on a wall window's first camera tile (the page's `wallrunCameras()` debug state) until it
 * is in the state a test expects: polled every 100 ms, so the test waits on the tile's state, not on
 * a fixed time; past `timeoutMs` it fails naming `what` and the tile's last state.
 */
import type { CameraTileDebug } from '../../src/renderer/widgets/camera.js';
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
