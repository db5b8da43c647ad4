/**
 * `wallrun demo`: the whole demo on one machine. Starts the reference hub in-process with its demo
 * feeds and simulated cameras, then shows the wall in the shell this machine has:
 *
 *  - Electron (its binary installed, a display): one kiosk process per node, windowed, on the
 *    displays wall.yaml describes, given the hub's address and wall token (demo-electron.ts);
 *  - else the system Chromium with a display: one app window per planned window, each at its wall
 *    position, scaled down so the wall fits the screen (demo-windows.ts);
 *  - else Chromium headless: the same windows off screen, and every few seconds one picture of the
 *    whole wall (bezels black) written to demo-wall.png (demo-headless.ts);
 *  - else a message saying how to get a shell, and exit 1.
 *
 * This file is the command's course: the project, the options, the hub (demo-hub.ts), then the
 * shell's launch, then the stop; demo-run.ts holds what the launches share.
 *
 * SIGINT/SIGTERM stop everything it started (Chromium, Electron, ffmpeg cameras, the hub), in
 * reverse order, then it exits 0. SIGHUP reloads the hub's tokens.json and stops nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { formatDiagnostic } from '../core/files/diagnostics.js';
import { plannedDemoWindows, selectNodes } from '../core/displays/demo-plan.js';
import type { Project } from '../core/wall/model.js';
import type { Automation } from '../core/automation/model.js';
import { loadProjectDir } from '../node/project-loader.js';
import { buildRenderer } from '../shell/build-renderer.js';
import { chooseShell, findChromium, findElectron, hasDisplay, type ShellChoice } from '../shell/find-shell.js';
import { PACKAGE_ROOT, RENDERER_DIST, RENDERER_SRC } from '../shell/paths.js';
import { freshness, WALL_PAGE_INPUTS, WALL_PAGE_OUTPUTS } from './demo-build.js';
import { launchElectronDemo } from './demo-electron.js';
import { launchHeadlessBrowser, launchHeadlessDemo, type HeadlessBrowser } from './demo-headless.js';
import { prepareDemoData, printHub, startDemoHub } from './demo-hub.js';
import { loadHubTrust } from '../node/hub-trust.js';
import { err, out, StopSignal, wallTokenOf, type DemoOptions, type DemoRun, type ShellRun } from './demo-run.js';
import { DemoTimeline, watchGateway } from './demo-timeline.js';
import { hubLayoutNow, type HubAccess } from './demo-hub-get.js';
import { launchChromiumWindows } from './demo-windows.js';

export type { DemoOptions };

/** The project with a wall, a layout and a theme to show (a file with errors is left out); null when there is none. */
function loadDemoProject(root: string): (Project & { automation: Automation }) | null {
  const { wallPath, sources, result } = loadProjectDir(root);
  if (!sources.wall) {
    err(`wallrun demo: ${wallPath}: no such file (is ${root} a wallrun project? see --root)`);
    return null;
  }
  for (const d of result.diagnostics) if (d.severity === 'error') err(formatDiagnostic(d));
  const p = result.ok ? result.value : result.partial;
  if (!p.wall || p.layouts.length === 0 || p.themes.length === 0) {
    err('wallrun demo: the project has no usable wall, layout or theme (see the errors above)');
    return null;
  }
  if (!result.ok) err(`wallrun demo: the project has errors; showing its ${p.layouts.length} valid layout(s)`);
  return { wall: p.wall, layouts: p.layouts, themes: p.themes, automation: p.automation, ...(p.cameras?.length ? { cameras: p.cameras } : {}) };
}

/**
 * The wall page, built from its sources when they are here and newer than the built page (as
 * `npm start` leaves it, the build is skipped: demo-build.ts); false (said why) when it is missing.
 */
async function ensureWallPage(timeline: DemoTimeline): Promise<boolean> {
  if (existsSync(join(RENDERER_SRC, 'main.ts'))) {
    const page = freshness(PACKAGE_ROOT, WALL_PAGE_INPUTS, WALL_PAGE_OUTPUTS);
    if (page.fresh) return true;
    timeline.mark('wall-page-build', { vi: `build trang tường (${page.why})`, en: `building the wall page (${page.why})` });
    await buildRenderer();
    // esbuild's service process is not needed again: no child of the demo but the wall's.
    await (await import('esbuild')).stop();
    return true;
  }
  if (existsSync(join(RENDERER_DIST, 'wall.js'))) return true;
  err(`wallrun demo: the wall page is missing (${RENDERER_DIST}); reinstall wallrun`);
  return false;
}

/** The chosen shell's launch (headless: in the Chromium started beside the hub). */
function launchShell(run: DemoRun, choice: Exclude<ShellChoice, { kind: 'none' }>, exitPin: string | null, browser: Promise<HeadlessBrowser> | null): Promise<ShellRun> {
  if (choice.kind === 'electron') return launchElectronDemo(run, choice.binary, exitPin!);
  if (!choice.headless || !browser) return launchChromiumWindows(run, choice.chromium);
  return launchHeadlessDemo(run, browser, choice.note);
}

/** Runs the demo until a signal (or until its shell ends); resolves with the exit code. */
export async function demoCommand(opts: DemoOptions): Promise<number> {
  const timeline = new DemoTimeline(!!opts.verbose, opts.lang);
  // The origin of every time after it, as a date (the bench lines the timeline up with its own clock).
  const origin = new Date(performance.timeOrigin).toISOString();
  timeline.mark('start', { vi: `tiến trình bắt đầu lúc ${origin}`, en: `process started at ${origin}` }, 0);
  timeline.mark('command', { vi: 'lệnh demo bắt đầu (mô-đun đã nạp)', en: 'demo command running (modules loaded)' });
  const project = loadDemoProject(opts.root);
  if (!project) return 1;
  timeline.mark('project', { vi: 'đã đọc dự án (wall.yaml, bố cục, camera)', en: 'project read (wall.yaml, layouts, cameras)' });
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

  const stop = new StopSignal().init();
  const cleanups: { what: string; run: () => Promise<void> }[] = [];
  try {
    if (choice.kind === 'browser' && !(await ensureWallPage(timeline))) return 1;
    timeline.mark('wall-page', { vi: 'trang tường sẵn sàng', en: 'wall page ready' });
    const data = await prepareDemoData(opts, timeline);
    if (!data) return 1;
    // Headless Chromium needs nothing of the hub but its certificate: it starts beside the hub.
    const browser = choice.kind === 'browser' && choice.headless ? launchHeadlessBrowser(choice.chromium, data.certificate, timeline) : null;
    const stopBrowser = async (): Promise<void> => {
      const b = await browser;
      if (b && 'shell' in b) await b.shell.destroy();
    };
    const started = await startDemoHub(project, opts, timeline, data);
    if (!started) {
      await stopBrowser();
      return 1;
    }
    timeline.mark('hub-ready', { vi: `hub đang nghe ở ${started.hub.url}`, en: `hub listening on ${started.hub.url}` });
    const { hub, dataDir, certificate } = started;
    cleanups.push({ what: 'hub and cameras', run: () => hub.destroy() });
    // Stopped before the hub, as when it started after it.
    if (browser) cleanups.push({ what: 'Chromium', run: stopBrowser });
    const onHup = (): void => void hub.reloadTokens();
    process.on('SIGHUP', onHup);
    cleanups.push({ what: 'the SIGHUP handler', run: async () => void process.off('SIGHUP', onHup) });
    const exitPin = choice.kind === 'electron' ? String(randomInt(0, 1_000_000)).padStart(6, '0') : null;
    printHub(hub, dataDir, certificate, exitPin, project.cameras?.length ?? 0);
    if (stop.requested) return 0;
    // The demo reads its hub as a client would: the cameras with the wall's token, the layout with the integration's.
    const ca = readFileSync(certificate.caFile, 'utf8');
    const access = (token: string | undefined): HubAccess | null => (token ? { url: hub.url, token, ca } : null);
    const cameraAccess = access(wallTokenOf(hub));
    if (timeline.enabled && cameraAccess && (project.cameras?.length ?? 0) > 0 && opts.cameras > 0) {
      let watching = true;
      cleanups.push({ what: 'the camera watch', run: async () => void (watching = false) });
      void watchGateway(timeline, cameraAccess, () => !watching || stop.requested !== null);
    }
    // The windows start on the layout the hub shows (its schedule or rotation may have chosen
    // another than wall.yaml's default): else each would build the default, then the hub's.
    const layoutAccess = access(hub.tokens.find((t) => t.role === 'integration' && t.token)?.token);
    const hubLayout = opts.layout || !layoutAccess ? null : await hubLayoutNow(layoutAccess);
    const firstLayout = opts.layout ?? hubLayout ?? project.wall.defaultLayout;
    timeline.mark('first-layout-chosen', {
      vi: `các cửa sổ mở với bố cục ${firstLayout} (${opts.layout ? '--layout' : hubLayout ? 'bố cục hub đang hiện' : 'mặc định của wall.yaml'})`,
      en: `the windows open on layout ${firstLayout} (${opts.layout ? '--layout' : hubLayout ? "the hub's current layout" : "wall.yaml's default"})`,
    });

    const windows = plannedDemoWindows(project.wall, selected.nodes);
    out(`wallrun demo: nodes ${selected.nodes.join(', ')}: ${windows.length} window(s): ${windows.map((w) => `${w.id} [${w.screens.map((s) => s.screenId).join(' ')}]`).join(', ')}`);
    const run: DemoRun = {
      opts,
      project,
      hub,
      hubTrust: { url: hub.url, trust: loadHubTrust({ caFile: certificate.caFile })! },
      hubCaFile: certificate.caFile,
      nodes: selected.nodes,
      windows,
      stop,
      timeline,
      ...(hubLayout ? { hubLayout } : {}),
      cleanup: (what, undo) => void cleanups.push({ what, run: undo }),
    };
    const launched = await launchShell(run, choice, exitPin, browser);
    if ('exitCode' in launched) return launched.exitCode;
    const ended = await Promise.race([stop.promise.then(() => null), launched.ended]);
    if (!ended || stop.requested) return 0;
    err(`wallrun demo: ${ended.why}; stopping`);
    return ended.code;
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
    stop.destroy();
    if (cleanups.length > 0) err('wallrun demo: stopped');
  }
}
