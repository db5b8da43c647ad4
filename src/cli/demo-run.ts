/**
 * What `wallrun demo` (demo.ts) hands each shell's launch (demo-electron.ts, demo-windows.ts,
 * demo-headless.ts): the options, the project, the hub and the planned windows, a way to register
 * what to undo on the way out, and the stop signal. Also what the launches share: the page config
 * of a demo window, the signal handling, and the "every window shows the wall" line. Kept apart
 * from demo.ts so the launches need not import the command that calls them.
 */
import type { PlannedWindow } from '../core/displays/window-plan.js';
import type { WallPageConfig } from '../core/page/host-api.js';
import { buildPageConfig } from '../core/page/page-config.js';
import type { Project } from '../core/wall/model.js';
import type { Hub } from '../hub/server.js';
import type { ShellHubTrust } from '../shell/hub-pin.js';
import type { WallWindow } from '../shell/wall-window.js';
import { watchWindows, type DemoTimeline } from './demo-timeline.js';

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
  /** Run the project's automation (schedules, rotation, takeover rules; default true; `--no-automation`). */
  automation?: boolean;
  /** Headless: the composed picture of the wall, rewritten every `screenshotEvery` seconds. */
  screenshot: string;
  screenshotEvery: number;
  /** Print where the start-up time goes (demo-timeline.ts). */
  verbose?: boolean;
}

export const out = (line: string): void => void process.stdout.write(`${line}\n`);
export const err = (line: string): void => void process.stderr.write(`${line}\n`);

/**
 * SIGINT/SIGTERM as a promise; a second signal while stopping exits at once. SIGHUP is not a stop:
 * it reloads the hub's tokens.json (src/cli/demo.ts), as in `wallrun hub`.
 */
export class StopSignal {
  public requested: string | null = null;
  public readonly promise: Promise<string>;
  private at = 0;
  private resolve!: (signal: string) => void;
  private readonly handlers = new Map<NodeJS.Signals, () => void>();

  public constructor() {
    this.promise = new Promise<string>((r) => (this.resolve = r));
  }

  public init(): this {
    for (const sig of ['SIGINT', 'SIGTERM'] as const) {
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
    return this;
  }

  public destroy(): void {
    for (const [sig, h] of this.handlers) process.off(sig, h);
    this.handlers.clear();
  }
}

/** The demo as a shell's launch gets it, with the hub already up. */
export interface DemoRun {
  opts: DemoOptions;
  project: Project;
  hub: Hub;
  /** How the shells trust the hub: the demo's CA (src/shell/hub-pin.ts, WALLRUN_HUB_CA for Electron). */
  hubTrust: ShellHubTrust;
  hubCaFile: string;
  /** The nodes run here, and their planned windows (demo-plan.ts). */
  nodes: string[];
  windows: PlannedWindow[];
  stop: StopSignal;
  /** The layout the hub showed when the demo started (the windows' first, unless --layout). */
  hubLayout?: string;
  /** Start-up marks (printed with --verbose). */
  timeline: DemoTimeline;
  /** Registers what to undo when the demo stops; undone in reverse order. */
  cleanup(what: string, run: () => Promise<void>): void;
}

/**
 * What a launch hands back: an exit code when the demo ends at once (a failure, or a signal while
 * starting), else why and with which code the demo ends unless a signal ends it first.
 */
export type ShellRun = { exitCode: number } | { ended: Promise<{ why: string; code: number }> };

/** The wall token the pages connect with (the demo's `wall` token, valid for every node). */
export function wallTokenOf(hub: Hub): string | undefined {
  return hub.tokens.find((t) => t.role === 'wall' && t.token)?.token;
}

/** The config of one demo window's page (the Chromium shells; Electron's kiosk builds its own). */
export function demoPageConfig(run: DemoRun, window: PlannedWindow, scale: number): WallPageConfig {
  const token = wallTokenOf(run.hub);
  return buildPageConfig(run.project, window, {
    layout: run.opts.layout ?? run.hubLayout,
    lang: run.opts.lang,
    scale,
    cameraBase: run.hub.cameraBase ?? '',
    assetBase: '',
    // Plausible values while the page has no hub connection (as the option is documented).
    demoFeed: true,
    // The hub of this demo; the identity defaults to the planned window's (node, window, screens).
    ...(token ? { hub: { url: run.hub.url, token } } : {}),
  });
}

/** Says when every window shows its first layout (or which did not within a minute). */
export async function reportReady(windows: readonly WallWindow[]): Promise<void> {
  const results = await Promise.allSettled(windows.map((w) => w.ready(60_000)));
  const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [`${windows[i]!.page.url()}: ${(r.reason as Error).message}`] : []));
  if (failed.length === 0) out(`wallrun demo: all ${windows.length} window(s) show the wall`);
  else for (const f of failed) err(`wallrun demo: a window is not ready: ${f}`);
}

/** With --verbose: marks each window's steps until the whole wall is painted and every camera live. */
export function watchStartup(run: DemoRun, windows: readonly WallWindow[], ids: readonly string[]): void {
  if (!run.timeline.enabled) return;
  let watching = true;
  run.cleanup('the start-up watch', async () => void (watching = false));
  void watchWindows(run.timeline, windows, ids, () => !watching || run.stop.requested !== null);
}
