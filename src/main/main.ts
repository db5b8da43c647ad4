/**
 * Electron main: thin. One instance per PC; the display kept awake; the project loaded as the CLI
 * loads it (a bad edit never replaces a good running project); this node's windows planned against
 * the connected displays and re-planned whenever displays come, go or change; validated IPC; a
 * watchdog per window; exit only with the PIN. Every decision lives in src/core; see
 * docs/install-wall-pc.md and docs/security.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { app, Menu, powerSaveBlocker, screen, session, type Display } from 'electron';
import { readConnectors } from '../node/display-sources.js';
import { enrichDisplays } from '../core/displays/display-enrich.js';
import { chooseNode, planLogLines, replan } from '../core/displays/display-replan.js';
import { kioskPageCsp, parseEnvFile, parseKioskOptions, type FallbackPage } from '../core/kiosk/kiosk-options.js';
import { OPERATOR_EXIT_CODE } from '../core/kiosk/exit-pin.js';
import type { Project, Rotation } from '../core/wall/model.js';
import { assumedDisplays, type DetectedDisplay } from '../core/displays/window-plan.js';
import { hubUrls } from '../core/page/hub-config.js';
import { installIpc } from './ipc.js';
import { installPageCapture } from './page-capture.js';
import { lockDownSession } from './lockdown.js';
import { trustHubCertificates } from './hub-certificates.js';
import { loadHubTrust } from '../node/hub-trust.js';
import { ProjectWatcher, readProject } from './project.js';
import { registerAppScheme, serveApp } from './protocol.js';
import { WallWindows } from './windows.js';
import { injectSignIn, probeWebFrames, watchWebFrames } from './web-frames.js';
import { nodeSignInPlan } from '../node/web-credentials-file.js';
import { WEB_CREDENTIALS_FILE, type OriginSignIn } from '../core/kiosk/web-credentials.js';

/** ~/.config/wallrun/wallrun.env (docs/install-wall-pc.md); the process environment wins over it. */
function envFile(): Record<string, string> {
  try {
    return parseEnvFile(readFileSync(join(app.getPath('appData'), 'wallrun', 'wallrun.env'), 'utf8'));
  } catch {
    return {};
  }
}
const options = parseKioskOptions(process.argv, { ...envFile(), ...process.env });
const log = (message: string): void => {
  process.stdout.write(`wallrun: ${message}\n`);
};

/** The displays as last enumerated, for `wallrun displays --from` (docs/technician.md); best effort. */
function saveDetected(displays: readonly DetectedDisplay[]): void {
  try {
    // userData (~/.config/wallrun) exists once Electron has started; nothing is created here.
    writeFileSync(join(app.getPath('userData'), 'displays.json'), `${JSON.stringify(displays, null, 2)}\n`);
  } catch {
    // Only a technician's aid: the wall runs without it.
  }
}

function toDetected(d: Display): DetectedDisplay {
  const detected: DetectedDisplay = { id: d.id, bounds: { ...d.bounds }, rotation: (d.rotation % 360) as Rotation, scaleFactor: d.scaleFactor };
  if (d.label) detected.label = d.label;
  return detected;
}

/**
 * Electron's displays named by connector and EDID as `wallrun displays` reads them (xrandr, else
 * sysfs): Chromium labels displays by model name, which connector and EDID selectors cannot match.
 */
async function detectDisplays(): Promise<DetectedDisplay[]> {
  const { displays, notes } = enrichDisplays(screen.getAllDisplays().map(toDetected), await readConnectors());
  for (const note of notes) log(note);
  return displays;
}

async function start(): Promise<void> {
  await app.whenReady();
  Menu.setApplicationMenu(null); // no default accelerators: Ctrl+R, Ctrl+W, Ctrl+Q, DevTools
  powerSaveBlocker.start('prevent-display-sleep');

  // The app's own folder: app.asar when packaged, the repository root in development.
  const appRoot = app.getAppPath();
  const projectRoot = options.projectDir ? resolve(options.projectDir) : appRoot;
  // Created before the session's lock-down, which asks it for the web tiles' origins.
  let windows: WallWindows | null = null;
  lockDownSession(session.defaultSession, log, () => windows?.webOrigins() ?? []);
  if (options.hub && options.hubTrust) {
    let trust;
    try {
      trust = loadHubTrust(options.hubTrust)!;
    } catch (e) {
      trust = e as Error; // the hub is refused, never trusted unchecked
    }
    trustHubCertificates(session.defaultSession, hubUrls(options.hub), trust, log);
  }
  let project: Project | null = null;
  // Web tiles: their frames watched, and the node's sign-ins for the running project's credentials.
  let signIn: ReadonlyMap<string, OriginSignIn> = new Map();
  const credentialsFile = options.webCredentials ?? join(app.getPath('appData'), 'wallrun', WEB_CREDENTIALS_FILE);
  watchWebFrames(session.defaultSession, { isOurs: (id) => windows?.isOurs(id) ?? false, send: (id, c) => windows?.sendTo(id, c) }, () => signIn);
  serveApp(
    session.defaultSession,
    {
      renderer: join(appRoot, 'dist', 'renderer'),
      assets: () => [join(projectRoot, 'assets'), join(appRoot, 'assets')],
      csp: () => kioskPageCsp(project, options), // the hub and cameras of the project running now
    },
    log,
  );

  windows = new WallWindows({
    preload: join(appRoot, 'dist', 'electron', 'preload.cjs'),
    options,
    log,
    report: (r) => log(`watchdog ${JSON.stringify(r)}`),
    exit: () => {
      windows?.destroy();
      app.exit(OPERATOR_EXIT_CODE);
    },
  });
  // Windows refuse `close` (Alt+F4) only while the wall runs: on a quit (systemctl stop's SIGTERM,
  // app.quit()) Electron closes every window, and one refused close would cancel the quit.
  // Web tiles' frames whose renderer hangs are told to their page, which reloads them.
  const stopProbing = probeWebFrames(() => windows?.pages() ?? [], (id, c) => windows?.sendTo(id, c));
  app.on('before-quit', () => {
    stopProbing();
    windows?.destroy();
  });
  installIpc({
    isOurs: (id) => windows.isOurs(id),
    getConfig: (id) => windows.configFor(id),
    onEvent: (id, e) => windows.onPageEvent(id, e),
    onHeartbeat: (id) => windows.heartbeat(id),
    log,
  });
  installPageCapture({ isOurs: (id) => windows.isOurs(id), log });

  let node: string | null = null;
  const allDisplays = (): DetectedDisplay[] => screen.getAllDisplays().map(toDetected);
  const notice = (page: FallbackPage): void => windows.showNotices(allDisplays(), page);

  const planOnce = async (): Promise<void> => {
    if (!project || !node) return;
    const detected = options.assumeDisplays ? null : await detectDisplays();
    // Read after the wait: the project or node may have changed while xrandr ran.
    const [wall, nodeId] = [project?.wall, node];
    if (!wall || !nodeId) return;
    const displays = detected ?? assumedDisplays(wall, nodeId);
    if (detected) saveDetected(detected);
    const r = replan(wall, nodeId, windows.plan(), displays);
    for (const line of planLogLines(displays, r.check, r.plan)) log(line);
    windows.apply(r);
    const page = r.check.ok ? null : { title: `wallrun ${nodeId}: thiếu màn hình / screens missing`, lines: r.check.missing.map((m) => m.message) };
    windows.showNotices(r.check.unused, page);
  };
  // One plan at a time, in order: reading xrandr takes a moment, and two plans must not interleave.
  let planning = Promise.resolve();
  const replanNow = (): void => {
    planning = planning.then(planOnce).catch((err: unknown) => log(`re-plan failed: ${(err as Error).stack ?? String(err)}`));
  };

  const useProject = (next: Project): void => {
    const chosen = chooseNode(next.wall, options.node, hostname());
    if ('error' in chosen) {
      log(chosen.error);
      if (!project) notice({ title: 'wallrun: máy này là node nào? / which node is this PC?', lines: [chosen.error] });
      return;
    }
    project = next;
    node = chosen.node;
    signIn = nodeSignInPlan(next.wall, credentialsFile, log);
    injectSignIn(session.defaultSession, signIn);
    windows.setProject(next);
    replanNow();
  };

  const first = readProject(projectRoot);
  if (first.ok) {
    for (const w of first.warnings) log(w);
    log(`project ${projectRoot}: wall ${first.project.wall.id}, ${first.project.layouts.length} layouts`);
    useProject(first.project);
  } else {
    for (const e of first.errors) log(e);
    notice({ title: 'wallrun: cấu hình lỗi / the wall configuration has errors', lines: first.errors });
  }
  new ProjectWatcher(projectRoot, {
    onProject: (next) => {
      log('project changed: reloading the wall');
      useProject(next);
    },
    onInvalid: (errors) => {
      log(`project change refused, the running project stays:\n  ${errors.join('\n  ')}`);
      if (!project) notice({ title: 'wallrun: cấu hình lỗi / the wall configuration has errors', lines: errors });
    },
  }, first.ok ? first.project : undefined).init();

  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = (): void => {
    clearTimeout(timer);
    timer = setTimeout(replanNow, 500); // one re-plan per burst of display events
  };
  screen.on('display-added', later);
  screen.on('display-removed', later);
  screen.on('display-metrics-changed', later);
}

registerAppScheme();
if (!app.requestSingleInstanceLock()) {
  log('another wallrun is already running on this PC; leaving');
  app.quit();
} else {
  app.on('second-instance', () => log('a second start was refused (single instance)'));
  app.on('window-all-closed', () => {
    // A kiosk keeps running with no window (all displays unplugged); displays coming back re-plan.
  });
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  start().catch((err: unknown) => {
    log(`start-up failed: ${(err as Error).stack ?? String(err)}`);
    app.exit(1);
  });
}
