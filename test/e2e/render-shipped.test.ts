/**
 * `wallrun render` on every shipped layout of the 18-screen wall: each renders without a page or
 * WebGL error (renderCommand exits 1 on either), at the wall's size, with something drawn on every
 * screen that the layout covers.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { renderCommand } from '../../src/cli/render.js';
import { screenActiveRect, wallBounds } from '../../src/core/wall/geometry.js';
import { loadWall } from '../../src/core/files/validate.js';
import { repoRoot } from '../support/cli.js';
import { countDiffering, decodePng, pixel } from '../support/png.js';
import { ensureRendererBuilt } from '../support/wall-browser.js';

const SCALE = 0.1;
const layouts = readdirSync(join(repoRoot, 'layouts')).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));
const loaded = loadWall({ path: 'wall.yaml', bytes: new Uint8Array(readFileSync(join(repoRoot, 'wall.yaml'))) });
if (!loaded.ok) throw new Error('the shipped wall.yaml must load');
const wall = loaded.value;

describe('wallrun render on the shipped layouts', () => {
  const out = mkdtempSync(join(tmpdir(), 'wallrun-shipped-'));
  beforeAll(async () => {
    await ensureRendererBuilt();
  });

  it.each(layouts)('renders %s on all 18 screens', async (id) => {
    const stderr: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });
    const file = join(out, `${id}.png`);
    const code = await renderCommand({ layout: id, out: file, scale: SCALE, wallFile: 'wall.yaml', root: repoRoot }).finally(() => spy.mockRestore());
    expect(code, stderr.join('')).toBe(0);
    // Cameras count per node, as on the wall and in lint: no shipped layout leaves one waiting for a
    // decoder, and the missing streams of a review render are one note, not a 404 per camera.
    const said = stderr.join('');
    expect(said).not.toMatch(/for a decoder/);
    expect(said).not.toMatch(/HTTP 404/);
    // Every topic of a shipped layout has the demo's values (maps by district included): none invented.
    expect(said).toMatch(/data: \d+ topics with the demo's values/);
    expect(said).not.toMatch(/invented/);
    const cameras = readFileSync(join(repoRoot, 'layouts', `${id}.yaml`), 'utf8').match(/widget: camera\b/g)?.length ?? 0;
    if (cameras > 0) expect(said).toContain(`${cameras} camera tile${cameras === 1 ? ' has' : 's have'} no stream in a review render`);

    const img = decodePng(readFileSync(file));
    const bounds = wallBounds(wall);
    expect(img.width).toBe(Math.round(bounds.width * SCALE));
    expect(img.height).toBe(Math.round(bounds.height * SCALE));
    // Every shipped layout fills the wall: each screen shows more than its background colour.
    for (const screen of wall.screens) {
      const r = screenActiveRect(wall, screen);
      const area = { x: Math.ceil(r.x * SCALE), y: Math.ceil(r.y * SCALE), width: Math.floor(r.width * SCALE) - 1, height: Math.floor(r.height * SCALE) - 1 };
      const background = pixel(img, area.x + 1, area.y + area.height - 2).slice(0, 3) as [number, number, number];
      expect(countDiffering(img, area, background, 24), `screen ${screen.id} of ${id}`).toBeGreaterThan(50);
    }
  }, 120_000);
});
