/**
 * `wallrun identify`: the PNG of the shipped 18-screen wall shows each screen's id and mapping
 * (text-coloured pixels in its id and detail bands, the accent crosshair at its centre) over an
 * alignment grid whose lines run on across the bezels exactly where the wall geometry puts them.
 * On a running page the identify layout is one hotkey away (Ctrl+Alt+I), with one text tile per
 * screen inside that screen, and stays out of PageDown's cycle.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenActiveRect, wallBounds } from '../../src/core/wall/geometry.js';
import { IDENTIFY_LAYOUT_ID, identifyLayout } from '../../src/core/displays/identify.js';
import { makeWall } from '../support/wall-fixtures.js';
import { loadWall } from '../../src/core/files/validate.js';
import { repoRoot } from '../support/cli.js';
import { layout, pageConfig, tile } from '../support/fixtures.js';
import { countDiffering, decodePng, pixel, rgb, type Image } from '../support/png.js';
import { debugState, ensureRendererBuilt, WallBrowser } from '../support/wall-browser.js';

const SCALE = 0.1;
const loaded = loadWall({ path: 'wall.yaml', bytes: new Uint8Array(readFileSync(join(repoRoot, 'wall.yaml'))) });
if (!loaded.ok) throw new Error('the shipped wall.yaml must load');
const wall = loaded.value;
const BG = rgb('#0b1220');
const ACCENT = rgb('#3fa7ff');

/** Runs the built bin without blocking the test process (Chromium takes seconds under SwiftShader). */
function run(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin/wallrun.js'), ...args], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/** Pixels within `tol` of `color` per channel. */
function countNear(img: Image, r: { x: number; y: number; width: number; height: number }, color: [number, number, number], tol = 40): number {
  return count(img, r, (p) => Math.abs(p[0] - color[0]) <= tol && Math.abs(p[1] - color[1]) <= tol && Math.abs(p[2] - color[2]) <= tol);
}

/** Pixels of near-white text: brighter on every channel than the grid lines (~#57647a) or the accent (#3fa7ff). */
function countBright(img: Image, r: { x: number; y: number; width: number; height: number }): number {
  return count(img, r, (p) => Math.min(p[0], p[1], p[2]) > 140);
}

function count(img: Image, r: { x: number; y: number; width: number; height: number }, pred: (p: [number, number, number, number]) => boolean): number {
  let n = 0;
  for (let y = Math.floor(r.y); y < r.y + r.height; y++) for (let x = Math.floor(r.x); x < r.x + r.width; x++) if (pred(pixel(img, x, y))) n++;
  return n;
}

/** Image rows (x fixed) or columns (y fixed) in [from, to) that differ from the background. */
function lit(img: Image, axis: 'rows' | 'cols', at: number, from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) {
    const [r, g, b] = axis === 'rows' ? pixel(img, at, i) : pixel(img, i, at);
    if (Math.abs(r - BG[0]) > 12 || Math.abs(g - BG[1]) > 12 || Math.abs(b - BG[2]) > 12) out.push(i);
  }
  return out;
}

describe('wallrun identify', () => {
  beforeAll(async () => {
    await ensureRendererBuilt();
  });

  it('writes a PNG with each screen named and the grid continuous across the bezels', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'wallrun-identify-')), 'identify.png');
    const r = await run(['identify', '--out', out, '--scale', String(SCALE)]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/wrote .*identify\.png/);
    const img = decodePng(readFileSync(out));
    const bounds = wallBounds(wall);
    expect([img.width, img.height]).toEqual([Math.round(bounds.width * SCALE), Math.round(bounds.height * SCALE)]);

    for (const screen of wall.screens) {
      const a = screenActiveRect(wall, screen);
      const s = { x: a.x * SCALE, y: a.y * SCALE, width: a.width * SCALE, height: a.height * SCALE };
      const cx = s.x + s.width / 2;
      const cy = s.y + s.height / 2;
      // The centre crosshair (accent), the id above it and the details below it (text colour).
      expect(countNear(img, { x: cx - 8, y: cy - 4, width: 16, height: 8 }, ACCENT), `centre of ${screen.id}`).toBeGreaterThan(12);
      expect(countDiffering(img, { x: cx - 3, y: cy - 3, width: 6, height: 6 }, BG), `centre of ${screen.id}`).toBeGreaterThan(6);
      expect(countBright(img, { x: s.x, y: s.y + s.height * 0.1, width: s.width, height: s.height * 0.32 }), `id of ${screen.id}`).toBeGreaterThan(100);
      expect(countBright(img, { x: s.x, y: s.y + s.height * 0.58, width: s.width, height: s.height * 0.32 }), `details of ${screen.id}`).toBeGreaterThan(100);
      // Between the two bands only the crosshair and the grid: no text there.
      expect(countBright(img, { x: s.x, y: s.y + s.height * 0.44, width: s.width, height: s.height * 0.12 }), `middle of ${screen.id}`).toBeLessThan(5);
    }

    // The horizontal line at wall y 240..260 crosses the bezel between r1c1 and r1c2 (wall x 1923..1929):
    // the same image rows light up 7 px left and right of the seam, where the geometry puts them.
    const left = lit(img, 'rows', 185, 14, 36);
    expect(left.length).toBeGreaterThanOrEqual(2);
    expect(lit(img, 'rows', 200, 14, 36)).toEqual(left);
    expect(Math.abs(left[0]! - 240 * SCALE)).toBeLessThanOrEqual(1);
    // Far from the origin, after five bezels across and two down: the line at wall y 2400..2420 over the r3c5|r3c6 seam.
    const far = lit(img, 'rows', 955, 234, 252); // above row 234: the corner crosshairs' arms
    expect(far.length).toBeGreaterThanOrEqual(2);
    expect(lit(img, 'rows', 970, 234, 252)).toEqual(far);
    expect(Math.abs(far[0]! - 2400 * SCALE)).toBeLessThanOrEqual(1);
    // The vertical line at wall x 480..500 crosses the bezel between r1c1 and r2c1 (wall y 1083..1089).
    const above = lit(img, 'cols', 100, 38, 60);
    expect(above.length).toBeGreaterThanOrEqual(2);
    expect(lit(img, 'cols', 117, 38, 60)).toEqual(above);
    expect(Math.abs(above[0]! - 480 * SCALE)).toBeLessThanOrEqual(1);
  }, 120_000);
});

describe('the identify layout on a running page', () => {
  let browser: WallBrowser;
  beforeAll(async () => {
    browser = await WallBrowser.start();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('is one hotkey away, names every screen in it, and stays out of PageDown', async () => {
    const small = makeWall({ columns: 3, rows: 2 });
    const t = (id: string) => tile({ id, widget: 'text', cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }, props: { text: id } });
    const win = await browser.open(pageConfig({ wall: small, layouts: [layout('one', [t('a')]), layout('two', [t('b')])], scale: 0.1, review: true }));
    const press = async (key: string, to: string): Promise<void> => {
      const since = win.events.length;
      await win.page.keyboard.press(key);
      await win.waitForEvent('layoutSwitched', { since, pred: (e) => e.to === to });
    };
    await press('PageDown', 'two');
    await press('PageDown', 'one'); // wraps round without the generated layout
    await press('Control+Alt+KeyI', IDENTIFY_LAYOUT_ID);

    const state = await debugState(win);
    expect(state.layout).toBe(IDENTIFY_LAYOUT_ID);
    expect(state.tiles.every((x) => x.ready && !x.placeholder)).toBe(true);
    expect(state.tiles.find((x) => x.id === 'alignment-grid')).toMatchObject({ widget: 'alignment-grid', rect: wallBounds(small) });
    for (const screen of small.screens) {
      const a = screenActiveRect(small, screen);
      for (const id of [`id-${screen.id}`, `info-${screen.id}`]) {
        const r = state.tiles.find((x) => x.id === id)?.rect;
        expect(r, id).toBeDefined();
        expect(r!.x >= a.x && r!.y >= a.y && r!.x + r!.width <= a.x + a.width && r!.y + r!.height <= a.y + a.height, id).toBe(true);
      }
    }
    // The text those tiles draw: the screen's id, and its grid position, selector and node.
    const texts = identifyLayout(small).tiles.filter((x) => x.id.endsWith('r2c3')).map((x) => x.props.text);
    expect(texts).toEqual(['r2c3', { vi: 'cột 2, hàng 1\nconnector DP-3\nnode node-2', en: 'col 2, row 1\nconnector DP-3\nnode node-2' }]);
    await press('PageDown', 'one');
  });
});
