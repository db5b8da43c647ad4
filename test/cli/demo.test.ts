/**
 * `wallrun demo` as a user runs it, in a child process:
 *
 * - headless (--headless): the embedded hub answers /healthz, the wall's windows open, and the
 *   picture of the whole wall is written: not blank, and the overview layout's tiles are where the
 *   layout puts them (tile areas drawn, the spaces between them background, the seams between the
 *   nodes' rows black); SIGTERM then stops Chromium, every ffmpeg camera and the hub, leaving no
 *   process of the child's tree alive;
 * - with no shell (Chromium and Electron lookups pointed at nowhere): a message saying how to get
 *   one, exit 1, and nothing started.
 *
 * Every wait polls a state (stdout line, /healthz, the file), never a fixed sleep.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { placeDemoWindows, plannedDemoWindows } from '../../src/core/demo-plan.js';
import { tileRect } from '../../src/core/geometry.js';
import type { Rect } from '../../src/core/model.js';
import { readProject } from '../../src/main/project.js';
import { findChromium } from '../../src/shell/find-shell.js';
import { repoRoot } from '../support/cli.js';
import { decodePng, pixel, rgb, type Image } from '../support/png.js';

const bin = join(repoRoot, 'bin/wallrun.js');
const scratch = mkdtempSync(join(tmpdir(), 'wallrun-demo-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Polls `check` every 100 ms until it returns a value (not undefined), or throws after `ms`. */
async function until<T>(what: string, ms: number, check: () => T | undefined | Promise<T | undefined>, context = (): string => ''): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}\n${context()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Proc {
  pid: number;
  ppid: number;
  comm: string;
  state: string;
  start: string;
}

/** Every process on the machine, from /proc (Linux). */
function processes(): Proc[] {
  const list: Proc[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const rest = stat.slice(close + 2).split(' ');
      list.push({ pid: Number(name), comm: stat.slice(stat.indexOf('(') + 1, close), state: rest[0]!, ppid: Number(rest[1]), start: rest[19]! });
    } catch {
      // gone meanwhile
    }
  }
  return list;
}

/** The live descendants of `root`. */
function tree(root: number): Proc[] {
  const all = processes();
  const out: Proc[] = [];
  const walk = (pid: number): void => {
    for (const p of all) {
      if (p.ppid === pid) {
        out.push(p);
        walk(p.pid);
      }
    }
  };
  walk(root);
  return out;
}

/** Which of `procs` still run (same pid and start time, not a zombie waiting to be reaped). */
function stillRunning(procs: readonly Proc[]): Proc[] {
  const now = new Map(processes().map((p) => [p.pid, p]));
  return procs.filter((p) => {
    const q = now.get(p.pid);
    return q !== undefined && q.start === p.start && q.state !== 'Z';
  });
}

function output(child: ChildProcess): { stdout: () => string; stderr: () => string } {
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  return { stdout: () => stdout, stderr: () => stderr };
}

const chromium = findChromium();
const SCALE = 0.1;
const ffmpeg = spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0;

describe('wallrun demo', () => {
  it('with no shell: says how to get Chromium or Electron, starts nothing, exit 1', () => {
    const r = spawnSync(process.execPath, [bin, 'demo', '--port', '0', '--data', join(scratch, 'none')], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 20_000,
      env: { ...process.env, WALLRUN_CHROMIUM: join(scratch, 'no-chromium-here'), WALLRUN_ELECTRON: join(scratch, 'no-electron-here'), DISPLAY: ':99' },
    });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/no shell to show the wall in/);
    expect(r.stderr).toMatch(/Chromium: WALLRUN_CHROMIUM=.*no-chromium-here: no such file/);
    expect(r.stderr).toMatch(/Electron: WALLRUN_ELECTRON=.*no-electron-here: no such file/);
    expect(r.stderr).toMatch(/apt-get install chromium/);
    expect(r.stdout).not.toMatch(/hub listening/);
    expect(existsSync(join(scratch, 'none'))).toBe(false);
  });

  it('refuses unknown nodes, naming the known ones', () => {
    const r = spawnSync(process.execPath, [bin, 'demo', '--nodes', 'node-1,pc-9'], { cwd: repoRoot, encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/unknown node\(s\) pc-9; the wall has node-1, node-2, node-3/);
  });

  it.skipIf(!('path' in chromium) || !ffmpeg)(
    'headless: hub up, the windows open, a picture of the wall with its tiles; SIGTERM leaves no process behind',
    async () => {
      const png = join(scratch, 'demo-wall.png');
      // Scale 0.1 (windows of 1152 × 108 px): SwiftShader draws every frame on the CPU, and the
      // test must stay quick on a loaded 2-core machine. Two cameras are enough to see ffmpeg stop.
      const args = ['demo', '--headless', '--port', '0', '--cameras', '2', '--scale', String(SCALE), '--data', join(scratch, 'hub'), '--screenshot', png, '--screenshot-every', '2'];
      const child = spawn(process.execPath, [bin, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
      const io = output(child);
      const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
      let exitCode: number | string | undefined;
      void exited.then((c) => (exitCode = c));
      const failIfExited = (): void => {
        if (exitCode !== undefined) throw new Error(`wallrun demo exited (${exitCode}):\n${io.stdout()}\n${io.stderr()}`);
      };
      try {
        // 1. The hub: its URL on stdout, then /healthz answers.
        const log = (): string => `stdout:\n${io.stdout()}\nstderr:\n${io.stderr()}`;
        const url = await until('the hub URL', 15_000, () => {
          failIfExited();
          return /hub listening on (http:\/\/\S+)/.exec(io.stdout())?.[1];
        }, log);
        expect(io.stdout()).toMatch(/operator token: \S{24,}/);
        const health = await until('/healthz', 10_000, async () => {
          const r = await fetch(`${url}/healthz`).catch(() => null);
          return r?.ok ? ((await r.json()) as { ok?: boolean; status?: string }) : undefined;
        });
        expect(health).toBeTruthy();

        // 2. The picture of the wall (written whole: the demo renames it into place).
        await until('demo-wall.png', 40_000, () => {
          failIfExited();
          return existsSync(png) ? true : undefined;
        }, log);
        expect(io.stdout()).toMatch(/3 window\(s\): node-1\/w0 \[r1c1 .* r1c6\], node-2\/w0 .*, node-3\/w0/);
        expect(io.stdout()).toMatch(/note: headless/);
        expect(io.stdout()).toMatch(/all 3 window\(s\) show the wall/);
        checkPicture(decodePng(readFileSync(png)));

        // 3. The process tree: Chromium and the ffmpeg cameras run under the demo…
        const before = tree(child.pid!);
        expect(before.some((p) => /chrom/i.test(p.comm)), JSON.stringify(before)).toBe(true);
        expect(before.filter((p) => p.comm === 'ffmpeg')).toHaveLength(2);

        // …and SIGTERM stops all of them and the hub, with exit 0.
        child.kill('SIGTERM');
        expect(await exited, io.stderr()).toBe(0);
        expect(io.stderr()).toMatch(/SIGTERM, stopping/);
        expect(stillRunning(before)).toEqual([]);
        await expect(fetch(`${url}/healthz`)).rejects.toThrow();
      } finally {
        // On a failure: stop it the clean way first (a SIGKILL would orphan its cameras).
        if (exitCode === undefined) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(timer);
        }
      }
    },
    60_000,
  );
});

/**
 * The picture shows the demo project's default layout where the layout puts it: tiles that fill
 * their area are drawn, text and clock tiles among them show the background behind their glyphs,
 * and the seams between the nodes' rows are the bezel colour.
 */
function checkPicture(img: Image): void {
  const loaded = readProject(repoRoot);
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  const { wall, layouts, themes } = loaded.project;
  const layout = layouts.find((l) => l.id === wall.defaultLayout)!;
  const theme = themes.find((t) => t.id === layout.theme)!;
  const plan = placeDemoWindows(plannedDemoWindows(wall, wall.nodes.map((n) => n.id)), SCALE);
  expect([img.width, img.height]).toEqual([plan.extent.width, plan.extent.height]);

  // Not blank: many colours.
  const colours = new Set<number>();
  for (let i = 0; i < img.data.length; i += 4 * 7) colours.add((img.data[i]! << 16) | (img.data[i + 1]! << 8) | img.data[i + 2]!);
  expect(colours.size).toBeGreaterThan(200);

  // Wall px → picture px, through the screen (of the window) that shows the point.
  const screens = plan.windows.flatMap((w) => w.planned.screens.map((s) => ({ window: w.rect, s })));
  const toPicture = (x: number, y: number): { x: number; y: number } | null => {
    for (const { window, s } of screens) {
      const r = s.wallRect;
      if (x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height) {
        return { x: window.x + (s.windowRect.x + x - r.x) * SCALE, y: window.y + (s.windowRect.y + y - r.y) * SCALE };
      }
    }
    return null;
  };
  const bg = rgb(theme.colors.background);
  const isBackground = (p: { x: number; y: number }): boolean => {
    const [r, g, b] = pixel(img, p.x, p.y);
    return Math.abs(r - bg[0]) <= 4 && Math.abs(g - bg[1]) <= 4 && Math.abs(b - bg[2]) <= 4;
  };
  const rects = layout.tiles.map((t) => tileRect(wall, layout, t));
  /** Share of background pixels over a 5 × 5 grid across the middle 80 % of a tile (bezels skipped). */
  const backgroundShare = (r: Rect): number => {
    let n = 0;
    let background = 0;
    for (let gx = 0; gx < 5; gx++) {
      for (let gy = 0; gy < 5; gy++) {
        const p = toPicture(r.x + r.width * (0.1 + 0.2 * gx), r.y + r.height * (0.1 + 0.2 * gy));
        if (!p) continue;
        n++;
        if (isBackground(p)) background++;
      }
    }
    return background / n;
  };
  // Widgets that fill their tile (kpi, chart, camera, map, ticker) are drawn where the layout puts
  // them; text and clock draw glyphs on the bare background, among those tiles, so a picture
  // shifted by even a tile would mix the two up. (An alert list is as full as the alerts open.)
  const filledWidgets = ['kpi', 'chart', 'camera', 'map', 'ticker'];
  const bareWidgets = ['text', 'clock'];
  const shares = (kinds: string[]): (readonly [string, number])[] =>
    layout.tiles.flatMap((t, i) => (kinds.includes(t.widget) ? [[t.id, backgroundShare(rects[i]!)] as const] : []));
  const filled = shares(filledWidgets);
  const bare = shares(bareWidgets);
  expect(filled.length).toBeGreaterThan(20);
  expect(bare.length).toBeGreaterThan(0);
  expect(filled.filter(([, share]) => share > 0.4), 'filled tiles showing background').toEqual([]);
  expect(filled.reduce((sum, [, share]) => sum + share, 0) / filled.length).toBeLessThan(0.1);
  expect(bare.filter(([, share]) => share < 0.7), 'text and clock tiles not on the background').toEqual([]);

  // The seams between the nodes' rows (6 wall px: at scale 0.1, one survives the rounding of
  // window positions): bezel colour across the whole width.
  const bezel = rgb(theme.colors.bezel);
  const rows = [...plan.windows].sort((a, b) => a.rect.y - b.rect.y);
  const seams = rows.slice(1).map((w, k) => ({ y: rows[k]!.rect.y + rows[k]!.rect.height, height: w.rect.y - (rows[k]!.rect.y + rows[k]!.rect.height) }));
  expect(seams.filter((s) => s.height > 0).length).toBeGreaterThan(0);
  for (const seam of seams.filter((s) => s.height > 0)) {
    for (let x = 0; x < img.width; x += 37) expect(pixel(img, x, seam.y).slice(0, 3)).toEqual(bezel);
  }
}
