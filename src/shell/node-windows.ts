/**
 * The browser shell's start path for one node, the way Electron main starts one: take the node's
 * displays, run the start-up check (display-replan.ts) and print the very lines Electron main
 * prints, naming every missing screen, then plan the windows and open one page per window. Every
 * page gets the node's dark screens (the missing ones, src/core/page/dark-screens.ts): it moves its
 * critical tiles off them and reports them to its hub. A browser cannot enumerate displays, so the
 * displays are given (a `wallrun displays --from` file, say) or, by default, those wall.yaml
 * describes; there is no hot-plug to follow.
 */
import { darkScreensOf } from '../core/page/dark-screens.js';
import { checkDisplays, planLogLines, type DisplayCheck } from '../core/displays/display-replan.js';
import type { WallHubConfig, WallPageConfig } from '../core/page/host-api.js';
import { buildPageConfig } from '../core/page/page-config.js';
import type { Project } from '../core/wall/model.js';
import { assumedDisplays, planWindows, type DetectedDisplay, type PlannedWindow } from '../core/displays/window-plan.js';
import type { BrowserShell, WallWindow } from './browser-shell.js';

export interface NodeStartOptions {
  project: Project;
  node: string;
  /** The displays found (default: assumedDisplays, as wall.yaml describes them). */
  displays?: readonly DetectedDisplay[];
  /**
   * Page settings; defaults: the wall's default layout, Vietnamese, scale 1, no demo feed, no hub.
   * A hub's identity is left out: each page is its own window on the wire (wallIdentity).
   */
  page?: Partial<Pick<WallPageConfig, 'initialLayout' | 'lang' | 'scale' | 'cameraBase' | 'assetBase' | 'demoFeed'>> & {
    hub?: Omit<WallHubConfig, 'identity'>;
  };
  /** One line without prefix (default: stdout as `wallrun: <line>`, as Electron main logs). */
  log?: (line: string) => void;
}

export interface NodeStart {
  check: DisplayCheck;
  /** The node's screens without a display, as every page got them. */
  darkScreens: string[];
  plan: PlannedWindow[];
  windows: WallWindow[];
}

const stdoutLog = (line: string): void => {
  process.stdout.write(`wallrun: ${line}\n`);
};

/** Checks, logs, plans and opens the node's windows (each resolved once its page has loaded). */
export async function openNodeWindows(shell: Pick<BrowserShell, 'openWindow'>, options: NodeStartOptions): Promise<NodeStart> {
  const { project, node } = options;
  const log = options.log ?? stdoutLog;
  const displays = options.displays ?? assumedDisplays(project.wall, node);
  const check = checkDisplays(project.wall, node, displays);
  const plan = planWindows(project.wall, node, displays);
  for (const line of planLogLines(displays, check, plan)) log(line);
  const darkScreens = darkScreensOf(check);
  const page = options.page ?? {};
  const windows: WallWindow[] = [];
  for (const window of plan) {
    windows.push(
      await shell.openWindow(buildPageConfig(project, window, {
        layout: page.initialLayout,
        lang: page.lang ?? 'vi',
        scale: page.scale ?? 1,
        cameraBase: page.cameraBase ?? '',
        assetBase: page.assetBase ?? '',
        demoFeed: page.demoFeed ?? false,
        darkScreens,
        ...(page.hub ? { hub: { ...page.hub } } : {}),
      }), { watchdog: true, onWatchdogReport: (r) => log(`watchdog ${window.id}: ${r.kind}: ${r.detail}`) }),
    );
  }
  return { check, darkScreens, plan, windows };
}
