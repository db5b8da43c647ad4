/**
 * `wallrun demo`: the whole demo on one machine. Starts the reference hub in-process with its demo
 * feeds and simulated cameras, then shows the wall in the shell this machine has:
 *
 *  - Electron (its binary installed, a display): one kiosk process per node, windowed, on the
 *    displays wall.yaml describes, given the hub's address and wall token;
 *  - else the system Chromium with a display: one app window per planned window, each at its wall
 *    position, scaled down so the wall fits the screen;
 *  - else Chromium headless: the same windows off screen, and every few seconds one picture of the
 *    whole wall (bezels black) written to demo-wall.png (demo-capture.ts: a window on the
 *    watchdog's fallback page is a screenshot in it, not a failure of the whole picture);
 *  - else a message saying how to get a shell, and exit 1.
 *
 * SIGINT/SIGTERM stop everything it started (Chromium, Electron, ffmpeg cameras, the hub), in
 * reverse order, then it exits 0.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { randomBytes, randomInt } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { formatDiagnostic } from '../core/files/diagnostics.js';
import { demoWallOrigin, naturalExtent, placeDemoWindows, plannedDemoWindows, selectNodes, fitScale, type DemoPlan } from '../core/displays/demo-plan.js';
import type { WallPageConfig } from '../core/page/host-api.js';
import { withIdentifyLayout } from '../core/displays/identify.js';
import { makePinHash } from '../core/kiosk/kiosk-policy.js';
import type { Project } from '../core/wall/model.js';
import { loadProject } from '../core/files/project.js';
import { CONSOLE_DIST } from '../hub/console.js';
import { addDemoEditorToken } from '../hub/auth.js';
import { HubDemo } from '../hub/demo/demo.js';
import { startHub, type Hub } from '../hub/server.js';
import { buildRenderer } from '../shell/build-renderer.js';
import { chooseShell, findChromium, findElectron, hasDisplay, type ShellChoice } from '../shell/find-shell.js';
import { RENDERER_DIST, RENDERER_SRC } from '../shell/paths.js';
import { hexRgb } from '../shell/png-encode.js';
import type { WallWindow } from '../shell/wall-window.js';
import { captureSource, WallPicture } from './demo-capture.js';
import { readConnectors } from '../node/display-sources.js';
import { defaultProjectPaths, readSource } from '../node/files.js';

export interface DemoOptions {
  root: string;
  /** Hub port (0: a free one). */
  port: number;
  /** The port is only the default: when it is taken, take a free one instead of failing. */
  portIsDefault?: boolean;
  host: string;
  /** Hub data folder (default `<root>/.wallrun-hub/demo`). */
  dataDir?: string;
  /** Simulated cameras (0: none). */
  cameras: number;
  /** Nodes to run here (default: all). */
  nodes?: string[];
  /** Window scale; default: fit the screen (with a display), 0.25 headless. */
  scale?: number;
  headless: boolean;
  shell: 'auto' | 'electron' | 'browser';
  layout?: string;
  lang: 'vi' | 'en';
  /** Headless: the composed picture of the wall, rewritten every `screenshotEvery` seconds. */
  screenshot: string;
  screenshotEvery: number;
}

/** Headless: 0.25 keeps three 11,520 × 1,080 windows affordable for SwiftShader (2880 × 270 each). */
export const HEADLESS_SCALE = 0.25;

const out = (line: string): void => void process.stdout.write(`${line}\n`);
const err = (line: string): void => void process.stderr.write(`${line}\n`);

/** SIGINT/SIGTERM/SIGHUP as a promise; a second signal while stopping exits at once. */
class StopSignal {
  public requested: string | null = null;
  private at = 0;
  public readonly promise: Promise<string>;
  private resolve!: (signal: string) => void;
  private readonly handlers = new Map<NodeJS.Signals, () => void>();

  public constructor() {
    this.promise = new Promise<string>((r) => (this.resolve = r));
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      const h = (): void => {
        // `timeout`, systemd and terminals may deliver one stop twice (to the process and to its
        // group): only a repeat after a pause means "stop now". Exiting runs the exit hooks that
        // kill Chromium and ffmpeg, so even then nothing is left behind.
        if (this.requested) {
          if (Date.now() - this.at < 2000) return;
          err(`wallrun demo: ${sig} again, exiting now`);
          process.exit(130);
        }
        this.requested = sig;
        this.at = Date.now();
        this.resolve(sig);
      };
      this.handlers.set(sig, h);
      process.on(sig, h);
    }
  }

  public dispose(): void {
    for (const [sig, h] of this.handlers) process.off(sig, h);
  }
}

function loadDemoProject(root: string): Project | null {
  const paths = defaultProjectPaths(root);
  if (!existsSync(paths.wall)) {
    err(`wallrun demo: ${paths.wall}: no such file (is ${root} a wallrun project? see --root)`);
    return null;
  }
  const result = loadProject({ wall: readSource(paths.wall), layouts: paths.layouts.map(readSource), themes: paths.themes.map(readSource) });
  for (const d of result.diagnostics) if (d.severity === 'error') err(formatDiagnostic(d));
  const p = result.ok ? result.value : result.partial;
  if (!p.wall || p.layouts.length === 0 || p.themes.length === 0) {
    err('wallrun demo: the project has no usable wall, layout or theme (see the errors above)');
    return null;
  }
  if (!result.ok) err(`wallrun demo: the project has errors; showing its ${p.layouts.length} valid layout(s)`);
  return { wall: p.wall, layouts: p.layouts, themes: p.themes } as Project;
}

/**
 * Demo operators in `<data>/operators.json` when there is none: the operator of the demo's token
 * ("Trực ban IOC", as the hub names it) and a shift lead, each with a random 4-digit PIN, so duty
 * staff can acknowledge alerts at the wall. Kept between runs like tokens.json.
 */
function writeDemoOperators(dataDir: string): void {
  const file = join(dataDir, 'operators.json');
  if (existsSync(file)) return;
  const pin = (): string => String(randomInt(0, 10_000)).padStart(4, '0');
  const a = pin();
  let b = pin();
  while (b === a) b = pin();
  const operators = [
    { name: 'Trực ban IOC', pin: a },
    { name: 'Trưởng ca trực', pin: b },
  ];
  writeFileSync(file, `${JSON.stringify({ operators }, null, 2)}\n`, { mode: 0o600 });
}

/** Clear-text PINs and badges of `<data>/operators.json`, where the hub keeps its operator directory. */
function demoOperatorCredentials(dataDir: string): { name: string; pin?: string; badge?: string }[] {
  try {
    const raw = JSON.parse(readFileSync(join(dataDir, 'operators.json'), 'utf8')) as { operators?: unknown };
    if (!Array.isArray(raw.operators)) return [];
    return (raw.operators as Record<string, unknown>[])
      .filter((o) => typeof o?.name === 'string' && (typeof o.pin === 'string' || typeof o.badge === 'string'))
      .map((o) => ({ name: o.name as string, ...(typeof o.pin === 'string' ? { pin: o.pin } : {}), ...(typeof o.badge === 'string' ? { badge: o.badge } : {}) }));
  } catch {
    return [];
  }
}

function printHub(hub: Hub, dataDir: string, exitPin: string | null): void {
  const tokenOf = (role: string): string | undefined => hub.tokens.find((t) => t.role === role && t.token)?.token;
  out(`wallrun demo: hub listening on ${hub.url}  (data: ${dataDir})`);
  out(`  health:       ${hub.url}/healthz   REST API: ${hub.url}/api   metrics: ${hub.url}/metrics`);
  out(`  walls:        ${hub.url.replace(/^http/, 'ws')}/wall (socket.io)`);
  out(hub.cameraBase ? `  cameras:      ${hub.cameraBase}cam-01/index.m3u8 …` : '  cameras:      none (--no-cameras, or ffmpeg missing: see the hub line above)');
  out(`  operator token: ${tokenOf('operator') ?? '(none in clear in tokens.json)'}   e.g. curl -H "Authorization: Bearer <token>" ${hub.url}/api/alerts`);
  for (const t of hub.tokens) out(`    ${t.role.padEnd(12)} ${t.name.padEnd(24)} ${t.token ?? '(sha256 only)'}`);
  const creds = demoOperatorCredentials(dataDir);
  if (creds.length) {
    out('  operator PINs (acknowledge alerts on the wall):');
    for (const c of creds) out(`    ${c.name.padEnd(24)} ${c.pin ? `PIN ${c.pin}` : ''}${c.badge ? `  badge ${c.badge}` : ''}`);
  } else out(`  operator PINs: none (no PIN in ${join(dataDir, 'operators.json')})`);
  if (exitPin) out(`  kiosk exit PIN: ${exitPin}`);
  out(
    existsSync(join(CONSOLE_DIST, 'index.html'))
      ? `  operator console: ${hub.url}/console/  (log in with the operator token; the editor token may also change presets)`
      : `  operator console: not built (${CONSOLE_DIST}: npm run build:console); operators can use the REST API`,
  );
}

/** The primary output's desktop rect as xrandr tells it (else the first active one); null without X. */
async function primaryScreen(): Promise<{ x: number; y: number; width: number; height: number } | null> {
  const r = await readConnectors();
  if (!r.ok) return null;
  const active = r.connectors.filter((c) => c.active && c.bounds);
  return (active.find((c) => c.primary) ?? active[0])?.bounds ?? null;
}

/** The wall token the pages connect with (the demo's `wall` token, valid for every node). */
function wallTokenOf(hub: Hub): string | undefined {
  return hub.tokens.find((t) => t.role === 'wall' && t.token)?.token;
}

function pageConfig(project: Project, opts: DemoOptions, hub: Hub, window: WallPageConfig['window'], scale: number): WallPageConfig {
  const token = wallTokenOf(hub);
  const initialLayout = opts.layout && project.layouts.some((l) => l.id === opts.layout) ? opts.layout : project.wall.defaultLayout;
  return {
    wall: project.wall,
    // Plus the identify layout (Ctrl+Alt+I), as on a wall; its lines sized for this scale.
    layouts: withIdentifyLayout(project.wall, project.layouts, project.themes, scale),
    themes: project.themes,
    window,
    initialLayout,
    lang: opts.lang,
    scale,
    cameraBase: hub.cameraBase ?? '',
    assetBase: '',
    // Plausible values while the page has no hub connection (as the option is documented).
    demoFeed: true,
    // The hub of this demo; the identity defaults to the planned window's (node, window, screens).
    ...(token ? { hub: { url: hub.url, token } } : {}),
  };
}

/** Runs the demo until a signal (or until its shell ends); resolves with the exit code. */
export async function demoCommand(opts: DemoOptions): Promise<number> {
  const project = loadDemoProject(opts.root);
  if (!project) return 1;
  const selected = selectNodes(project.wall, opts.nodes);
  if ('error' in selected) {
    err(`wallrun demo: --nodes: ${selected.error}`);
    return 1;
  }
  if (opts.layout && !project.layouts.some((l) => l.id === opts.layout)) {
    err(`wallrun demo: --layout ${opts.layout}: no such valid layout (${project.layouts.map((l) => l.id).join(', ')})`);
    return 1;
  }
  // Which shell, before anything starts: with none there is nothing to start.
  const choice: ShellChoice = chooseShell({ shell: opts.shell, headless: opts.headless }, findElectron(), findChromium(), hasDisplay());
  if (choice.kind === 'none') {
    err(choice.message);
    return 1;
  }

  const stop = new StopSignal();
  const cleanups: { what: string; run: () => Promise<void> }[] = [];
  let code = 0;
  try {
    if (choice.kind === 'browser') {
      if (existsSync(join(RENDERER_SRC, 'main.ts'))) {
        await buildRenderer();
        // esbuild's service process is not needed again: no child of the demo but the wall's.
        await (await import('esbuild')).stop();
      }
      else if (!existsSync(join(RENDERER_DIST, 'wall.js'))) {
        err(`wallrun demo: the wall page is missing (${RENDERER_DIST}); reinstall wallrun`);
        return 1;
      }
    }
    const dataDir = resolve(opts.dataDir ?? join(opts.root, '.wallrun-hub', 'demo'));
    await mkdir(dataDir, { recursive: true });
    writeDemoOperators(dataDir);
    addDemoEditorToken(dataDir);
    const start = (port: number): Promise<Hub> =>
      startHub({
        port,
        host: opts.host,
        dataDir,
        demo: new HubDemo({ cameras: opts.cameras }),
        forgetWindows: true, // this run opens its own windows; another run's other nodes are not dead
        layouts: project.layouts,
        timezone: project.wall.timezone,
        log: (m) => err(`hub: ${m}`),
      });
    let hub: Hub;
    try {
      try {
        hub = await start(opts.port);
      } catch (e) {
        // `npm start` must run beside another hub on the default port: take a free one then.
        if (!(opts.portIsDefault && (e as NodeJS.ErrnoException).code === 'EADDRINUSE')) throw e;
        out(`wallrun demo: port ${opts.port} is taken (another hub?); the demo's hub takes a free port instead`);
        hub = await start(0);
      }
    } catch (e) {
      const m = (e as Error).message;
      err(`wallrun demo: the hub did not start: ${m}${/EADDRINUSE/.test(m) ? ` (port ${opts.port} is taken: try --port 0)` : ''}`);
      return 1;
    }
    cleanups.push({ what: 'hub and cameras', run: () => hub.destroy() });
    const exitPin = choice.kind === 'electron' ? String(randomInt(0, 1_000_000)).padStart(6, '0') : null;
    printHub(hub, dataDir, exitPin);
    if (stop.requested) return 0;

    const windows = plannedDemoWindows(project.wall, selected.nodes);
    out(`wallrun demo: nodes ${selected.nodes.join(', ')}: ${windows.length} window(s): ${windows.map((w) => `${w.id} [${w.screens.map((s) => s.screenId).join(' ')}]`).join(', ')}`);
    const wallToken = wallTokenOf(hub) ?? '';

    let ended: Promise<string>;
    if (choice.kind === 'electron') {
      const { ElectronDemo, ensureElectronBuilt } = await import('../shell/electron-demo.js');
      if (!ensureElectronBuilt(err)) return (code = 1);
      // As the Chromium windows: scaled so the wall fits the screen, unless --scale says otherwise.
      const screen = opts.scale === undefined ? await primaryScreen() : null;
      const scale = opts.scale ?? (screen ? fitScale(naturalExtent(windows), screen) : undefined);
      if (opts.scale === undefined) out(screen ? `wallrun demo: the screen is ${screen.width} × ${screen.height} (xrandr): the kiosk windows are scaled to fit, at ${scale}; --scale to choose` : 'wallrun demo: no screen size from xrandr: the kiosk windows are 1:1; --scale to choose');
      const electron = await ElectronDemo.start({
        binary: choice.binary,
        projectDir: opts.root,
        nodes: selected.nodes,
        env: {
          WALLRUN_HUB_URL: hub.url,
          WALLRUN_HUB_TOKEN: wallToken,
          WALLRUN_DEMO_FEED: '1',
          WALLRUN_EXIT_PIN_HASH: makePinHash(exitPin!, randomBytes(8).toString('hex')),
          ...(opts.layout ? { WALLRUN_LAYOUT: opts.layout } : {}),
          WALLRUN_LANG: opts.lang,
        },
        scale,
        wallOrigin: demoWallOrigin(windows),
        cameraBase: hub.cameraBase,
        log: out,
      });
      cleanups.push({ what: 'Electron', run: () => electron.close() });
      out(`wallrun demo: Electron kiosk started for ${selected.nodes.join(', ')} (${choice.binary}) at scale ${scale ?? 1}. Stop with Ctrl-C, or the exit PIN on a wall window.`);
      ended = electron.anyExited().then(({ node, code: c }) => {
        if (c !== 0) code = 1;
        return `the kiosk of ${node} exited (${c})`;
      });
    } else if (!choice.headless) {
      const { AppWindows } = await import('../shell/app-windows.js');
      let shell;
      try {
        shell = await AppWindows.start({ chromiumPath: choice.chromium });
      } catch (e) {
        err(`wallrun demo: cannot start Chromium: ${(e as Error).message}`);
        return (code = 1);
      }
      const aw = shell;
      cleanups.push({ what: 'Chromium', run: () => aw.close() });
      const screen = await aw.screen();
      const natural = naturalExtent(windows);
      const scale = opts.scale ?? fitScale(natural, screen);
      const plan = placeDemoWindows(windows, scale, { x: screen.x, y: screen.y });
      out(
        `wallrun demo: Chromium app windows at scale ${scale}` +
          (opts.scale === undefined ? ` (the wall is ${natural.width} × ${natural.height} px, the screen ${screen.width} × ${screen.height}: scaled to fit; --scale to choose)` : ''),
      );
      const opened = [];
      for (const w of plan.windows) {
        if (stop.requested) return 0;
        opened.push(await aw.open(pageConfig(project, opts, hub, w.planned, scale), w.rect));
      }
      void reportReady(opened);
      out('wallrun demo: the wall is up. Stop with Ctrl-C (closing a window stops the demo too).');
      ended = aw.anyClosed().then(() => 'a wall window was closed');
    } else {
      const { BrowserShell } = await import('../shell/browser-shell.js');
      let shell;
      try {
        shell = await BrowserShell.launch({ chromiumPath: choice.chromium, headless: true, handleSignals: false });
      } catch (e) {
        err(`wallrun demo: cannot start Chromium: ${(e as Error).message}`);
        return (code = 1);
      }
      const bs = shell;
      cleanups.push({ what: 'Chromium', run: () => bs.close() });
      const scale = opts.scale ?? HEADLESS_SCALE;
      const plan = placeDemoWindows(windows, scale);
      const screenshot = resolve(opts.screenshot);
      out(`wallrun demo: note: ${choice.note}. The wall renders off screen at scale ${scale}; a picture of the whole wall goes to ${screenshot} every ${opts.screenshotEvery} s.`);
      const opened: WallWindow[] = [];
      for (const w of plan.windows) {
        if (stop.requested) return 0;
        opened.push(
          await bs.openWindow(pageConfig(project, opts, hub, w.planned, scale), {
            watchdog: true,
            onWatchdogReport: (r) => out(`wallrun demo: watchdog ${w.planned.id}: ${r.kind}: ${r.detail}`),
          }),
        );
      }
      await Promise.race([reportReady(opened), stop.promise]);
      if (stop.requested) return 0;
      const theme = project.themes.find((t) => t.id === project.wall.defaultTheme) ?? project.themes[0];
      // A window showing the watchdog's fallback page is a screenshot in the picture, not a failure.
      const picture = new WallPicture(plan, opened.map((w) => captureSource(w)), hexRgb(theme?.colors.bezel), out);
      let first = true;
      let stopped = false;
      const shoot = async (): Promise<void> => {
        const png = await picture.capture();
        if (stopped) return;
        await mkdir(dirname(screenshot), { recursive: true });
        const tmp = `${screenshot}.${process.pid}.tmp`;
        await writeFile(tmp, png);
        renameSync(tmp, screenshot); // readers never see half a file
        if (first) out(`wallrun demo: wrote ${screenshot} (${plan.extent.width} × ${plan.extent.height} px); rewritten every ${opts.screenshotEvery} s. Stop with Ctrl-C.`);
        first = false;
      };
      let timer: ReturnType<typeof setTimeout> | undefined;
      const loop = (): void => {
        shoot()
          .catch((e: unknown) => {
            if (!stopped) err(`wallrun demo: screenshot failed: ${(e as Error).message}`);
          })
          .then(() => {
            if (!stopped) timer = setTimeout(loop, opts.screenshotEvery * 1000);
          });
      };
      loop();
      // A capture under way is not waited for: closing Chromium next ends it.
      cleanups.push({
        what: 'screenshots',
        run: async () => {
          stopped = true;
          clearTimeout(timer);
        },
      });
      ended = new Promise<string>((resolveEnded) => bs.onDisconnected(() => resolveEnded('Chromium exited')));
    }

    const why = await Promise.race([stop.promise, ended]);
    if (!stop.requested) {
      err(`wallrun demo: ${why}; stopping`);
    }
    return code;
  } catch (e) {
    err(`wallrun demo: ${(e as Error).message}`);
    return 1;
  } finally {
    if (stop.requested) err(`wallrun demo: ${stop.requested}, stopping`);
    for (const c of cleanups.reverse()) {
      try {
        await c.run();
      } catch (e) {
        err(`wallrun demo: stopping ${c.what} failed: ${(e as Error).message}`);
      }
    }
    stop.dispose();
    if (cleanups.length > 0) err('wallrun demo: stopped');
  }
}

/** Says when every window shows its first layout (or which did not within a minute). */
async function reportReady(windows: readonly WallWindow[]): Promise<void> {
  const results = await Promise.allSettled(windows.map((w) => w.ready(60_000)));
  const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [`${windows[i]!.page.url()}: ${(r.reason as Error).message}`] : []));
  if (failed.length === 0) out(`wallrun demo: all ${windows.length} window(s) show the wall`);
  else for (const f of failed) err(`wallrun demo: a window is not ready: ${f}`);
}
