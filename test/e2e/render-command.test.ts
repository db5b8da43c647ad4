/**
 * `wallrun render` (renderCommand): a PNG of the whole wall with bezels for a valid layout; exit 1
 * with the diagnostics for an invalid one, and with a clear message when Chromium is missing.
 * `--report` and `wallrun check` (checkCommand) on the same project: the texts as drawn, judged.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { renderCommand } from '../../src/cli/render.js';
import { checkCommand } from '../../src/cli/check.js';
import type { TextReport } from '../../src/cli/review-page.js';
import { ensureRendererBuilt } from '../support/wall-browser.js';
import { countDiffering, decodePng, pixel, rgb } from '../support/png.js';

const WALL = `# yaml-language-server: $schema=../schemas/wall.schema.json
id: test-wall
title: { vi: "Tường thử", en: "Test wall" }
timezone: Asia/Ho_Chi_Minh
viewingDistanceM: 5
legibilityRatio: 250
defaultLayout: demo
defaultTheme: control-room-dark
grid:
  columns: 2
  rows: 1
  panel:
    resolution: { width: 1920, height: 1080 }
    activeMm: { width: 1209.6, height: 680.4 }
    bezelMm: { top: 1.26, right: 1.26, bottom: 1.26, left: 1.26 }
nodes:
  - { id: node-1, decoderBudget: 4, windowMode: span }
screens:
  - { id: r1c1, cell: { col: 0, row: 0 }, display: { connector: "DP-1" }, node: node-1 }
  - { id: r1c2, cell: { col: 1, row: 0 }, display: { connector: "DP-2" }, node: node-1 }
`;

const LAYOUT = `# yaml-language-server: $schema=../schemas/layout.schema.json
id: demo
title: { vi: "Thử", en: "Demo" }
theme: control-room-dark
tiles:
  - id: heading
    widget: text
    cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }
    props: { text: "Trung tâm Điều hành — Cà Mau", fontSizePx: 120, align: center }
  - id: flow
    widget: kpi
    cell: { col: 1, row: 0, colSpan: 1, rowSpan: 1 }
    title: "Lưu lượng xe"
    topics: [traffic.flow.ca-mau]
    props: { unit: "xe/phút" }
`;

function project(layout = LAYOUT): string {
  const root = mkdtempSync(join(tmpdir(), 'wallrun-render-'));
  writeFileSync(join(root, 'wall.yaml'), WALL);
  mkdirSync(join(root, 'layouts'));
  mkdirSync(join(root, 'themes'));
  writeFileSync(join(root, 'layouts', 'demo.yaml'), layout);
  copyFileSync(join(import.meta.dirname, '../../themes/control-room-dark.yaml'), join(root, 'themes', 'control-room-dark.yaml'));
  return root;
}

describe('renderCommand', () => {
  let stderr: string[];
  beforeAll(async () => {
    await ensureRendererBuilt();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    delete process.env.WALLRUN_CHROMIUM;
  });
  const captureStderr = (): void => {
    stderr = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });
  };

  it('writes a PNG of the whole wall with the bezels drawn', async () => {
    const root = project();
    const out = join(root, 'out', 'wall.png');
    captureStderr();
    const code = await renderCommand({ layout: 'demo', out, scale: 0.25, wallFile: 'wall.yaml', root });
    expect(code, stderr.join('')).toBe(0);
    const img = decodePng(readFileSync(out));
    // Wall bounds: 2 cells of 1920 + 2 × 2 px bezel = 3848 × 1084 wall px, at 0.25.
    expect([img.width, img.height]).toEqual([962, 271]);
    const bg = rgb('#0b1220');
    // The seam between the screens (wall x 1922..1926 → page px 480) is bezel-black; the screens are not.
    for (const y of [10, 135, 260]) expect(pixel(img, 480, y).slice(0, 3)).toEqual([0, 0, 0]);
    expect(countDiffering(img, { x: 0, y: 0, width: 480, height: 271 }, [0, 0, 0], 4)).toBeGreaterThan(480 * 250);
    // The heading's text is drawn on screen 1 and the kpi on screen 2.
    expect(countDiffering(img, { x: 40, y: 100, width: 400, height: 70 }, bg)).toBeGreaterThan(300);
    expect(countDiffering(img, { x: 482, y: 0, width: 480, height: 271 }, bg)).toBeGreaterThan(1000);
    expect(stderr.join('')).toMatch(/wrote .*wall\.png/);
    // The kpi's topic is not in the demo catalogue: its value is invented, and render says so.
    expect(stderr.join('')).toMatch(/nobody publishes traffic\.flow\.ca-mau in the demo: their values are invented/);
  });

  it('renders a layout with a web tile (issue 14) without failing', async () => {
    // The page is unreachable (port 9, discard): the tile shows a placeholder, the rest of the wall is drawn.
    const root = project(LAYOUT.replace(/ {2}- id: flow[\s\S]*$/, `  - id: dashboard
    widget: web
    cell: { col: 1, row: 0 }
    title: { vi: "Bảng điều khiển", en: "Dashboard" }
    props: { url: "http://127.0.0.1:9/d/abc?kiosk", refreshS: 600 }
`));
    writeFileSync(join(root, 'wall.yaml'), `${WALL}web:\n  origins: ["http://127.0.0.1:9"]\n`);
    const out = join(root, 'web.png');
    captureStderr();
    const code = await renderCommand({ layout: 'demo', out, scale: 0.25, wallFile: 'wall.yaml', root });
    expect(code, stderr.join('')).toBe(0);
    const img = decodePng(readFileSync(out));
    expect([img.width, img.height]).toEqual([962, 271]);
    // The heading on screen 1 is drawn as ever.
    expect(countDiffering(img, { x: 40, y: 100, width: 400, height: 70 }, rgb('#0b1220'))).toBeGreaterThan(300);
  });

  it("shows a web tile's page once it has loaded (the render waits for web tiles)", async () => {
    // A slow dashboard: a solid green page served on loopback 7 s after it is asked for, later than
    // a wall's web tile is ready for a switch (readyWaitMs, 6 s); its origin is in `web.origins`.
    const server = createServer((_req, res) => {
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<!doctype html><html><body style="margin:0;height:100vh;background:rgb(0,200,83)"></body></html>');
      }, 7000);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const root = project(LAYOUT.replace(/ {2}- id: flow[\s\S]*$/, `  - id: dashboard
    widget: web
    cell: { col: 1, row: 0 }
    props: { url: "${origin}/solid" }
`));
      writeFileSync(join(root, 'wall.yaml'), `${WALL}web:\n  origins: ["${origin}"]\n`);
      const out = join(root, 'web-page.png');
      captureStderr();
      const code = await renderCommand({ layout: 'demo', out, scale: 0.25, wallFile: 'wall.yaml', root });
      expect(code, stderr.join('')).toBe(0);
      const img = decodePng(readFileSync(out));
      // Screen 2 (page x 481.5..961.5) is the tile: the page's green, all of it but the tile's edges.
      const green = [0, 200, 83];
      let hits = 0;
      for (let y = 10; y < 261; y += 10) for (let x = 492; x < 952; x += 10) if (pixel(img, x, y).slice(0, 3).every((v, i) => Math.abs(v - green[i]!) <= 12)) hits++;
      expect(hits).toBe(26 * 46);
      // Screen 1 is the wall page as ever.
      expect(pixel(img, 100, 20).slice(0, 3)).toEqual(rgb('#0b1220').slice(0, 3));
    } finally {
      await new Promise<void>((done) => server.close(() => done()));
    }
  });

  it('shows the values of a --data snapshot instead of demo ones, and refuses a bad snapshot naming the topic', async () => {
    const root = project();
    const data = join(root, 'data.json');
    writeFileSync(data, JSON.stringify({ 'traffic.flow.ca-mau': 1234, 'traffic.flow.ca-mau-typo': 1 }));
    captureStderr();
    const code = await renderCommand({ layout: 'demo', out: join(root, 'x.png'), scale: 0.25, wallFile: 'wall.yaml', root, dataFile: data });
    expect(code, stderr.join('')).toBe(0);
    expect(stderr.join('')).toMatch(/data: 2 topics from .*data\.json/);
    expect(stderr.join('')).toMatch(/data\.json: no tile of layout demo reads traffic\.flow\.ca-mau-typo/);
    expect(stderr.join('')).not.toMatch(/invented/);
    expect(stderr.join('')).toMatch(/data from .*data\.json/);

    writeFileSync(data, JSON.stringify({ 'Traffic Flow': 1 }));
    captureStderr();
    expect(await renderCommand({ layout: 'demo', out: join(root, 'y.png'), scale: 0.25, wallFile: 'wall.yaml', root, dataFile: data })).toBe(1);
    expect(stderr.join('')).toMatch(/data\.json: "Traffic Flow": must match/);
    expect(existsSync(join(root, 'y.png'))).toBe(false);
  });

  it('writes the text report with --report, and check judges the same texts', async () => {
    const root = project();
    const report = join(root, 'out', 'texts.json');
    captureStderr();
    const code = await renderCommand({ layout: 'demo', out: join(root, 'wall.png'), scale: 0.25, wallFile: 'wall.yaml', root, report });
    expect(code, stderr.join('')).toBe(0);
    const written = JSON.parse(readFileSync(report, 'utf8')) as TextReport;
    expect(written.minimum.capHeightMm).toBe(20);
    const heading = written.texts.find((t) => t.tile === 'heading');
    expect(heading).toMatchObject({ text: 'Trung tâm Điều hành — Cà Mau', fontSizePx: 120, capHeightPx: 88.8, screen: 'r1c1' });
    expect(written.texts.some((t) => t.tile === 'flow' && t.text === 'Lưu lượng xe')).toBe(true);

    // Widgets draw no text under the minimum, so check fails on a text too long for its tile: the
    // heading, repeated until its wrapped lines are far taller than the screen, is cut by its tile.
    const stdout: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout.push(String(chunk));
      return true;
    });
    const long = project(LAYOUT.replace('text: "Trung tâm Điều hành — Cà Mau"', `text: "${'Trung tâm Điều hành — Cà Mau '.repeat(12).trim()}"`));
    expect(await checkCommand({ root: long, wallFile: 'wall.yaml', json: false })).toBe(1);
    expect(stdout.join('')).toMatch(/layouts\/demo\.yaml:\d+:5: error: tiles\[0\]: layout demo, tile heading: "Trung tâm Điều hành — Cà Mau Trung tâm…" is cut by its tile: it reaches past it by [\d.]+ px top, [\d.]+ px bottom/);
    expect(stderr.join('')).toMatch(/layout demo: \d+ texts drawn; 0 too small, 0 overlapping, 1 cut by their tile/);

    // The project as it was is legible: exit 0.
    stdout.length = 0;
    expect(await checkCommand({ root, wallFile: 'wall.yaml', json: false, layout: 'demo' }), stderr.join('')).toBe(0);
    expect(stdout.join('')).toBe('');
  });

  it('refuses an invalid layout with its diagnostics and exit 1', async () => {
    const root = project(LAYOUT.replace('widget: kpi', 'widget: kpii'));
    captureStderr();
    const code = await renderCommand({ layout: 'demo', out: join(root, 'x.png'), scale: 0.25, wallFile: 'wall.yaml', root });
    expect(code).toBe(1);
    const text = stderr.join('');
    expect(text).toMatch(/layouts\/demo\.yaml:\d+:\d+: error/);
    expect(text).toMatch(/cannot render layout "demo"/);
    expect(existsSync(join(root, 'x.png'))).toBe(false);
  });

  it('refuses an unknown layout naming the valid ones', async () => {
    const root = project();
    captureStderr();
    expect(await renderCommand({ layout: 'nope', out: join(root, 'x.png'), scale: 0.25, wallFile: 'wall.yaml', root })).toBe(1);
    expect(stderr.join('')).toMatch(/valid layouts: demo/);
    stderr.length = 0;
    expect(await checkCommand({ root, wallFile: 'wall.yaml', json: false, layout: 'nope' })).toBe(1);
    expect(stderr.join('')).toMatch(/no layout to check named "nope" \(valid layouts: demo\)/);
  });

  it('says clearly that Chromium is missing', async () => {
    const root = project();
    process.env.WALLRUN_CHROMIUM = join(root, 'no-chromium-here');
    captureStderr();
    expect(await renderCommand({ layout: 'demo', out: join(root, 'x.png'), scale: 0.25, wallFile: 'wall.yaml', root })).toBe(1);
    expect(stderr.join('')).toMatch(/Chromium not found: WALLRUN_CHROMIUM=.*no-chromium-here: no such file.*apt-get install chromium/);
  });
});
