/**
 * `wallrun demo` as a user runs it, in a child process:
 *
 * - headless (--headless): the embedded hub answers /healthz, the wall's windows open, and the
 *   picture of the whole wall is written: not blank, and the overview layout's tiles are where the
 *   layout puts them (filled tiles drawn, text and clock tiles on the background, the seams
 *   between the nodes' rows black); SIGTERM then stops Chromium, the demo's cameras and their pulls, and the hub, leaving no
 *   process of the child's tree alive;
 * - on a display (a virtual one, Xvfb, where installed): one Chromium app window per planned
 *   window, at its wall position, the wall scaled to fit the 1920 × 1080 screen, as the screen
 *   itself shows it (grabbed from the X server); SIGTERM leaves nothing behind either;
 * - with Electron (a stand-in binary that records how it was started) and a display: one kiosk per
 *   node, each with its own profile, the hub's URL, the wall token, the hash of the printed exit
 *   PIN, the scale and the wall position; SIGTERM stops them;
 * - with no shell (Chromium and Electron lookups pointed at nowhere): a message saying how to get
 *   one, exit 1, and nothing started.
 *
 * Every wait polls a state (stdout line, /healthz, the file), never a fixed sleep.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoWallOrigin, fitScale, naturalExtent, placeDemoWindows, plannedDemoWindows } from '../../src/core/displays/demo-plan.js';
import { xrandrVerbose } from '../support/xrandr-fixtures.js';
import { tileRect } from '../../src/core/wall/geometry.js';
import { exitAllowed } from '../../src/core/kiosk/exit-pin.js';
import type { Project, Rect } from '../../src/core/wall/model.js';
import { readProject } from '../../src/main/project.js';
import { findChromium } from '../../src/shell/find-shell.js';
import { repoRoot } from '../support/cli.js';
import { httpsJson } from '../support/tls-fixtures.js';
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

/** A `wallrun demo` child process, its output, and waits on its states. */
class DemoRun {
  public readonly child: ChildProcess;
  public readonly exited: Promise<number | string>;
  public exitCode: number | string | undefined;
  private out = '';
  private err = '';

  public constructor(args: string[], env: NodeJS.ProcessEnv = process.env) {
    this.child = spawn(process.execPath, [bin, 'demo', ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.setEncoding('utf8').on('data', (c: string) => (this.out += c));
    this.child.stderr!.setEncoding('utf8').on('data', (c: string) => (this.err += c));
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
    void this.exited.then((c) => (this.exitCode = c));
  }

  public get stdout(): string {
    return this.out;
  }

  public get stderr(): string {
    return this.err;
  }

  /** Polls `check` (failing at once if the demo exited), with the demo's output in the error. */
  public until<T>(what: string, ms: number, check: () => T | undefined | Promise<T | undefined>): Promise<T> {
    return until(what, ms, () => {
      if (this.exitCode !== undefined) throw new Error(`wallrun demo exited (${this.exitCode}):\n${this.out}\n${this.err}`);
      return check();
    }, () => `stdout:\n${this.out}\nstderr:\n${this.err}`);
  }

  /** The demo CA's PEM, once the hub has printed where it is. */
  public ca = '';

  /** The hub's URL once printed (https: the demo runs over TLS), after /healthz answers over it. */
  public async hubUp(): Promise<string> {
    const url = await this.until('the hub URL', 15_000, () => /hub listening on (https:\/\/\S+)/.exec(this.out)?.[1]);
    const caFile = await this.until('the demo CA', 5_000, () => /its CA: (\S+)/.exec(this.out)?.[1]);
    this.ca = readFileSync(caFile, 'utf8');
    await this.until('/healthz', 10_000, async () => ((await httpsJson(url, 'GET', '/healthz', null, this.ca).catch(() => null))?.body?.transport === 'tls' ? true : undefined));
    return url;
  }

  /**
   * SIGTERM: exit 0, and none of the processes it ran is left: Chromium, the demo's RTSP cameras
   * (python3) and the gateway's ffmpeg pulls of them (one per camera of cameras.yaml, each between
   * two of its restarts for a moment); the hub no longer answers.
   */
  public async stopsCleanly(url: string): Promise<void> {
    const before = tree(this.child.pid!);
    expect(before.some((p) => /chrom/i.test(p.comm)), JSON.stringify(before)).toBe(true);
    expect(before.some((p) => /^python3/.test(p.comm)), JSON.stringify(before)).toBe(true);
    expect(before.filter((p) => p.comm === 'ffmpeg').length, JSON.stringify(before)).toBeGreaterThanOrEqual(1);
    this.child.kill('SIGTERM');
    expect(await this.exited, this.err).toBe(0);
    expect(this.err).toMatch(/SIGTERM, stopping/);
    // Gone at once or within moments (a process whose parent just exited may take a beat).
    await until('the demo\'s processes to end', 5000, () => (stillRunning(before).length === 0 ? true : undefined), () => JSON.stringify(stillRunning(before)));
    await expect(httpsJson(url, 'GET', '/healthz', null, this.ca)).rejects.toThrow(/ECONNREFUSED/);
  }

  /** After a failure: stop it the clean way first (a SIGKILL would orphan its cameras). */
  public async cleanUp(): Promise<void> {
    if (this.exitCode !== undefined) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}

const chromium = findChromium();
/** A browser test never skips for want of Chromium (CI installs it): it fails saying why. */
function needChromium(): void {
  if ('reason' in chromium) throw new Error(`Chromium not found: ${chromium.reason}; install it or set WALLRUN_CHROMIUM`);
}
const ffmpeg = spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0;
/** Xvfb, for the windowed shell without a real display (not installed by default: skipped then). */
const xvfb = spawnSync('Xvfb', ['-help'], { stdio: 'ignore' }).error === undefined;

/** A virtual X display of 1920 × 1080 on a free display number. */
async function startXvfb(): Promise<{ display: string; stop(): Promise<void> }> {
  const x = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1920x1080x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  const gone = new Promise<void>((resolve) => x.once('exit', () => resolve()));
  let fd3 = '';
  (x.stdio[3] as NodeJS.ReadableStream).setEncoding('utf8').on('data', (c: string) => (fd3 += c));
  const n = await until('Xvfb', 10_000, () => /^(\d+)\n/.exec(fd3)?.[1]);
  return {
    display: `:${n}`,
    stop: async () => {
      x.kill('SIGTERM');
      await gone;
    },
  };
}

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

  /** A stand-in for the Electron binary: records how it was started (in `records`), runs until SIGTERM. */
  function fakeElectron(name: string): { records: string; fake: string } {
    const records = join(scratch, name);
    mkdirSync(records);
    const fake = join(scratch, `${name}-electron`);
    writeFileSync(
      fake,
      `#!${process.execPath}\n` +
        `const fs = require('node:fs');\n` +
        `const pick = (k) => process.env[k];\n` +
        `fs.writeFileSync(${JSON.stringify(records)} + '/' + process.env.WALLRUN_NODE + '.json', JSON.stringify({ argv: process.argv.slice(2), ` +
        `hub: pick('WALLRUN_HUB_URL'), token: pick('WALLRUN_HUB_TOKEN'), pinHash: pick('WALLRUN_EXIT_PIN_HASH'), cameraBase: pick('WALLRUN_CAMERA_BASE'), ca: pick('WALLRUN_HUB_CA') }));\n` +
        `setInterval(() => {}, 1000);\nprocess.on('SIGTERM', () => process.exit(0));\n`,
    );
    chmodSync(fake, 0o755);
    return { records, fake };
  }

  it('with Electron and no --scale: the kiosk windows are scaled to fit the screen xrandr names', async () => {
    const { records, fake } = fakeElectron('electron-fit');
    const xrandr = join(scratch, 'xrandr-fit');
    writeFileSync(xrandr, `#!/bin/sh\ncat <<'EOF'\n${xrandrVerbose([{ name: 'HDMI-1', geo: '1920x1080+0+0' }])}\nEOF\n`);
    chmodSync(xrandr, 0o755);
    const demo = new DemoRun(['--port', '0', '--no-cameras', '--nodes', 'node-1', '--data', join(scratch, 'hub-electron-fit')], { ...process.env, WALLRUN_ELECTRON: fake, DISPLAY: ':99', WALLRUN_XRANDR: xrandr });
    try {
      await demo.hubUp();
      const run = await demo.until('the kiosk', 30_000, () => {
        try {
          return JSON.parse(readFileSync(join(records, 'node-1.json'), 'utf8')) as { argv: string[] };
        } catch {
          return undefined; // not written yet
        }
      });
      const expected = fitScale(naturalExtent(plannedDemoWindows(loadedProject().wall, ['node-1'])), { width: 1920, height: 1080 });
      expect(expected).toBeLessThan(1);
      expect(run.argv).toContain(`--scale=${expected}`);
      expect(demo.stdout).toMatch(/the screen is 1920 × 1080 \(xrandr\): the kiosk windows are scaled to fit/);
      demo.child.kill('SIGTERM');
      expect(await demo.exited, demo.stderr).toBe(0);
    } finally {
      await demo.cleanUp();
    }
  }, 60_000);

  it('with Electron and a display: one kiosk per node, given the hub, its wall token and an exit PIN; SIGTERM stops them', async () => {
    const { records, fake } = fakeElectron('electron-runs');
    const env: NodeJS.ProcessEnv = { ...process.env, WALLRUN_ELECTRON: fake, DISPLAY: ':99' };
    const demo = new DemoRun(['--port', '0', '--no-cameras', '--scale', '0.2', '--data', join(scratch, 'hub-electron')], env);
    try {
      const url = await demo.hubUp();
      const nodes = ['node-1', 'node-2', 'node-3'];
      const runs = await demo.until('the three kiosks', 30_000, () => {
        const files = nodes.map((n) => join(records, `${n}.json`));
        if (!files.every((f) => existsSync(f))) return undefined;
        try {
          return files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as { argv: string[]; hub: string; token: string; pinHash: string; cameraBase?: string; ca?: string });
        } catch {
          return undefined; // still being written
        }
      });
      const wallToken = /^ {4}wall +\S+ +(\S+)$/m.exec(demo.stdout)?.[1];
      const pin = /kiosk exit PIN: (\d{6})/.exec(demo.stdout)?.[1];
      expect(pin).toBeDefined();
      // Scaled and placed as the browser shell's demo places its windows (demo-plan.ts).
      const origin = demoWallOrigin(plannedDemoWindows(loadedProject().wall, nodes));
      for (const [i, run] of runs.entries()) {
        expect(run.argv).toEqual(
          expect.arrayContaining([repoRoot, `--node=${nodes[i]}`, `--project=${repoRoot}`, '--assume-displays', '--windowed', '--scale=0.2', `--wall-origin=${origin.x},${origin.y}`]),
        );
        expect(run.cameraBase).toBeUndefined(); // --no-cameras
        expect(run.hub).toBe(url);
        expect(run.ca).toBe(/its CA: (\S+)/.exec(demo.stdout)?.[1]); // the kiosk checks the hub against the demo's CA
        expect(readFileSync(run.ca!, 'utf8')).toBe(demo.ca);
        expect(run.token).toBe(wallToken);
        expect(exitAllowed(pin!, run.pinHash)).toBe(true);
      }
      // Each kiosk its own profile, so the single-instance lock lets all three run.
      expect(new Set(runs.map((r) => r.argv.find((a) => a.startsWith('--user-data-dir='))))).toHaveProperty('size', 3);
      await demo.until('the start message', 10_000, () => (/Electron kiosk started for node-1, node-2, node-3 .* at scale 0\.2\b/.test(demo.stdout) ? true : undefined));
      const before = tree(demo.child.pid!);
      demo.child.kill('SIGTERM');
      expect(await demo.exited, demo.stderr).toBe(0);
      await until('the kiosks to end', 5000, () => (stillRunning(before).length === 0 ? true : undefined), () => JSON.stringify(stillRunning(before)));
    } finally {
      await demo.cleanUp();
    }
  }, 60_000);

  it(
    'headless: hub up, the windows open, a picture of the wall with its tiles; SIGTERM leaves no process behind',
    async (ctx) => {
      if (!ffmpeg) ctx.skip('ffmpeg not installed');
      needChromium();
      const png = join(scratch, 'demo-wall.png');
      // Scale 0.1 (windows of 1152 × 108 px): SwiftShader draws every frame on the CPU, and the
      // test must stay quick on a loaded 2-core machine. The shipped cameras.yaml's four RTSP cameras run.
      const scale = 0.1;
      // --no-automation: the picture is of the default layout whatever the time of day (no schedule or rotation switch).
      // --verbose: the start-up timeline, checked below (its speed is the first-picture bench's figure, not a test's).
      const demo = new DemoRun(['--headless', '--verbose', '--no-automation', '--port', '0', '--scale', String(scale), '--data', join(scratch, 'hub'), '--screenshot', png, '--screenshot-every', '2']);
      try {
        const url = await demo.hubUp();
        expect(demo.stdout).toMatch(/operator token: \S{24,}/);
        // Demo operators with PINs for acknowledging at the wall, written on the first run.
        expect(demo.stdout).toMatch(/Trực ban IOC +PIN \d{4}/);
        expect(demo.stdout).toMatch(/operator console: https:\/\/\S+\/console\/|operator console: not built/);
        // The picture of the wall (written whole: the demo renames it into place).
        await demo.until('demo-wall.png', 40_000, () => (existsSync(png) ? true : undefined));
        expect(demo.stdout).toMatch(/3 window\(s\): node-1\/w0 \[r1c1 .* r1c6\], node-2\/w0 .*, node-3\/w0/);
        expect(demo.stdout).toMatch(/note: headless/);
        expect(demo.stdout).toMatch(/all 3 window\(s\) show the wall/);
        checkPicture(decodePng(readFileSync(png)), scale);
        checkTimeline(await demo.until('the timeline to reach every camera live', 30_000, () => (/\[all-cameras-live\]/.test(demo.stdout) ? demo.stdout : undefined)));
        await demo.stopsCleanly(url);
      } finally {
        await demo.cleanUp();
      }
    },
    60_000,
  );

  it(
    'on a display (Xvfb): an app window per planned window at its wall position, scaled to fit the screen',
    async (ctx) => {
      if (!ffmpeg || !xvfb) ctx.skip(!ffmpeg ? 'ffmpeg not installed' : 'Xvfb not installed');
      needChromium();
      const x = await startXvfb();
      const env: NodeJS.ProcessEnv = { ...process.env, DISPLAY: x.display };
      delete env.WAYLAND_DISPLAY;
      // --no-automation: the screen shows the default layout whatever the time of day.
      const demo = new DemoRun(['--shell', 'browser', '--no-automation', '--port', '0', '--data', join(scratch, 'hub-x')], env);
      try {
        const url = await demo.hubUp();
        await demo.until('the windows', 40_000, () => (/all 3 window\(s\) show the wall/.test(demo.stdout) ? true : undefined));
        // 11,520 px of wall across a 1920 px screen.
        const scale = Number(/app windows at scale ([\d.]+) \(the wall is 11520 × 3252 px, the screen 1920 × 1080: scaled to fit/.exec(demo.stdout)?.[1]);
        expect(scale).toBe(0.166);
        // What the screen shows, grabbed from the X server: the wall from the top-left corner.
        // A window's page may be ready a moment before the X server shows its first frame, so
        // grab until the screen shows the wall (or give the last grab's reason).
        const grab = join(scratch, 'screen.png');
        const extent = placeDemoWindows(plannedDemoWindows(loadedProject().wall, ['node-1', 'node-2', 'node-3']), scale).extent;
        const check = (): void => {
          const r = spawnSync('ffmpeg', ['-loglevel', 'error', '-y', '-f', 'x11grab', '-video_size', '1920x1080', '-i', x.display, '-frames:v', '1', grab], { env, timeout: 20_000 });
          expect(r.status, String(r.stderr)).toBe(0);
          // On the X screen each window's screens lie side by side, as on its displays: no column seams.
          checkPicture(crop(decodePng(readFileSync(grab)), extent), scale, { columnSeams: false });
        };
        await demo
          .until('the screen to show the wall', 20_000, () => {
            try {
              check();
              return true;
            } catch {
              return undefined;
            }
          })
          .catch(() => check()); // fails with the picture check's own message
        await demo.stopsCleanly(url);
      } finally {
        await demo.cleanUp();
        await x.stop();
      }
    },
    60_000,
  );
});

/**
 * `--verbose`'s timeline: seconds since start, in order of the steps that depend on each other;
 * each window painted its layout (the default one: --no-automation), and every camera tile of the
 * layout on each node had a first frame before "every camera live".
 */
function checkTimeline(stdout: string): void {
  const marks = new Map([...stdout.matchAll(/^wallrun demo: \+\s*([\d.]+) s \[([^\]]+)\] (.*)$/gm)].map((m) => [m[2]!, { s: Number(m[1]), text: m[3]! }]));
  const at = (key: string): number => {
    const mark = marks.get(key);
    expect(mark, `timeline mark [${key}] in:\n${stdout}`).toBeDefined();
    return mark!.s;
  };
  expect(at('start')).toBe(0);
  expect(at('project')).toBeGreaterThan(0);
  expect(at('hub-ready')).toBeGreaterThanOrEqual(at('project'));
  // Chromium starts beside the hub (it pins the demo's certificate): after that, in any order with the hub.
  expect(at('shell')).toBeGreaterThanOrEqual(at('certificate'));
  for (const w of plannedDemoWindows(loadedProject().wall, ['node-1', 'node-2', 'node-3'])) {
    expect(at(`window-opened:${w.id}`)).toBeGreaterThanOrEqual(Math.max(at('shell'), at('hub-ready')));
  }
  const { wall, layouts } = loadedProject();
  const layout = layouts.find((l) => l.id === wall.defaultLayout)!;
  expect(marks.get('first-layout-chosen')?.text).toMatch(new RegExp(`bố cục ${layout.id}\\b`));
  const windows = plannedDemoWindows(wall, wall.nodes.map((n) => n.id));
  const painted = windows.map((w) => at(`first-layout:${w.id}`));
  for (const [i, w] of windows.entries()) expect(painted[i]).toBeGreaterThanOrEqual(at(`fonts:${w.id}`));
  expect(at('all-painted')).toBe(Math.max(...painted));
  // Every camera tile on each window's screens: its first frame is marked (layout/tile).
  const frames = windows.flatMap((w) =>
    layout.tiles
      .filter((t) => t.widget === 'camera' && overlaps(tileRect(wall, layout, t), w.viewport))
      .map((t) => at(`camera-frame:${w.id}/${layout.id}/${t.id}`)),
  );
  expect(frames.length).toBeGreaterThan(0);
  expect(at('all-cameras-live')).toBeGreaterThanOrEqual(Math.max(...frames));
  expect(marks.get('all-cameras-live')?.text).toMatch(new RegExp(`\\(${frames.length}\\)`));
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function loadedProject(): Project {
  const loaded = readProject(repoRoot);
  if (!loaded.ok) throw new Error(loaded.errors.join('\n'));
  return loaded.project;
}

function crop(img: Image, size: { width: number; height: number }): Image {
  const data = new Uint8Array(size.width * size.height * 4);
  for (let y = 0; y < size.height; y++) data.set(img.data.subarray(y * img.width * 4, (y * img.width + size.width) * 4), y * size.width * 4);
  return { width: size.width, height: size.height, data };
}

/**
 * The picture shows the demo project's default layout where the layout puts it: tiles that fill
 * their area are drawn, text and clock tiles among them show the background behind their glyphs,
 * and the seams between the nodes' rows are the bezel colour.
 */
function checkPicture(img: Image, scale: number, o: { columnSeams: boolean } = { columnSeams: true }): void {
  const { wall, layouts, themes } = loadedProject();
  const layout = layouts.find((l) => l.id === wall.defaultLayout)!;
  const theme = themes.find((t) => t.id === layout.theme)!;
  const plan = placeDemoWindows(plannedDemoWindows(wall, wall.nodes.map((n) => n.id)), scale);
  // Each screen of a window where it is mounted (demo-capture.ts screenPieces): the seams widen the
  // picture. Windows on a screen show their screens where the window's page puts them.
  const screens = plan.windows.flatMap((w) =>
    w.planned.screens.map((s) => ({
      s,
      at: o.columnSeams
        ? { x: w.rect.x + Math.round((s.wallRect.x - w.planned.viewport.x) * scale), y: w.rect.y + Math.round((s.wallRect.y - w.planned.viewport.y) * scale) }
        : { x: w.rect.x + Math.round(s.windowRect.x * scale), y: w.rect.y + Math.round(s.windowRect.y * scale) },
      size: { width: Math.round(s.windowRect.width * scale), height: Math.round(s.windowRect.height * scale) },
    })),
  );
  const width = o.columnSeams ? Math.max(plan.extent.width, ...screens.map((p) => p.at.x + p.size.width)) : plan.extent.width;
  const height = o.columnSeams ? Math.max(plan.extent.height, ...screens.map((p) => p.at.y + p.size.height)) : plan.extent.height;
  expect([img.width, img.height]).toEqual([width, height]);

  // Not blank: many colours.
  const colours = new Set<number>();
  for (let i = 0; i < img.data.length; i += 4 * 7) colours.add((img.data[i]! << 16) | (img.data[i + 1]! << 8) | img.data[i + 2]!);
  expect(colours.size).toBeGreaterThan(200);

  // Wall px → picture px, through the screen that shows the point.
  const toPicture = (x: number, y: number): { x: number; y: number } | null => {
    for (const { s, at } of screens) {
      const r = s.wallRect;
      if (x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height) return { x: at.x + (x - r.x) * scale, y: at.y + (y - r.y) * scale };
    }
    return null;
  };
  const bg = rgb(theme.colors.background);
  const bezel = rgb(theme.colors.bezel);
  const near = (p: { x: number; y: number }, c: [number, number, number]): boolean => {
    const [r, g, b] = pixel(img, p.x, p.y);
    return Math.abs(r - c[0]) <= 4 && Math.abs(g - c[1]) <= 4 && Math.abs(b - c[2]) <= 4;
  };
  const isBackground = (p: { x: number; y: number }): boolean => near(p, bg);
  /** Neither the page's background nor the bezel colour (nothing drawn, or no window at all). */
  const isDrawn = (p: { x: number; y: number }): boolean => !near(p, bg) && !near(p, bezel);
  const rects = layout.tiles.map((t) => tileRect(wall, layout, t));
  /** Share of a 5 × 5 grid across the middle 80 % of a tile (bezels skipped) that passes `test`. */
  const share = (r: Rect, test: (p: { x: number; y: number }) => boolean): number => {
    let n = 0;
    let hits = 0;
    for (let gx = 0; gx < 5; gx++) {
      for (let gy = 0; gy < 5; gy++) {
        const p = toPicture(r.x + r.width * (0.1 + 0.2 * gx), r.y + r.height * (0.1 + 0.2 * gy));
        if (!p) continue;
        n++;
        if (test(p)) hits++;
      }
    }
    return hits / n;
  };
  // Widgets that fill their tile (kpi, chart, camera, map, ticker) are drawn where the layout puts
  // them; text and clock draw glyphs on the bare background, among those tiles, so a picture
  // shifted by even a tile would mix the two up. (An alert list is as full as the alerts open.)
  const filledWidgets = ['kpi', 'chart', 'camera', 'map', 'ticker'];
  const bareWidgets = ['text', 'clock'];
  const shares = (kinds: string[], test: (p: { x: number; y: number }) => boolean): (readonly [string, number])[] =>
    layout.tiles.flatMap((t, i) => (kinds.includes(t.widget) ? [[t.id, share(rects[i]!, test)] as const] : []));
  const filled = shares(filledWidgets, isDrawn);
  const bare = shares(bareWidgets, isBackground);
  expect(filled.length).toBeGreaterThan(20);
  expect(bare.length).toBeGreaterThan(0);
  expect(filled.filter(([, drawn]) => drawn < 0.6), 'filled tiles not drawn').toEqual([]);
  expect(filled.reduce((sum, [, drawn]) => sum + drawn, 0) / filled.length).toBeGreaterThan(0.9);
  expect(bare.filter(([, background]) => background < 0.7), 'text and clock tiles not on the background').toEqual([]);

  // The seams between the nodes' rows (6 wall px: at scale 0.1, one survives the rounding of
  // window positions): bezel colour across the whole width.
  const rows = [...plan.windows].sort((a, b) => a.rect.y - b.rect.y);
  const seams = rows.slice(1).map((w, k) => ({ y: rows[k]!.rect.y + rows[k]!.rect.height, height: w.rect.y - (rows[k]!.rect.y + rows[k]!.rect.height) }));
  expect(seams.filter((s) => s.height > 0).length).toBeGreaterThan(0);
  for (const seam of seams.filter((s) => s.height > 0)) {
    for (let x = 0; x < img.width; x += 37) expect(pixel(img, x, seam.y).slice(0, 3)).toEqual(bezel);
  }
  // And between the columns of a row (inside one window spanning six displays): bezel colour down
  // the screen's whole height, in the demo's picture.
  if (!o.columnSeams) return;
  const columnSeams = screens.flatMap((p) => {
    const right = screens.find((q) => q.at.y === p.at.y && q.at.x > p.at.x && q.s.wallRect.x - (p.s.wallRect.x + p.s.wallRect.width) < 20);
    return right && right.at.x > p.at.x + p.size.width ? [{ x: p.at.x + p.size.width, y: p.at.y, height: p.size.height }] : [];
  });
  expect(columnSeams.length).toBeGreaterThan(0);
  for (const seam of columnSeams) for (let y = seam.y; y < seam.y + seam.height; y += 7) expect(pixel(img, seam.x, y).slice(0, 3)).toEqual(bezel);
}
