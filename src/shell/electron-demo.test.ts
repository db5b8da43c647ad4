/**
 * How `wallrun demo` starts each node's Electron kiosk, read back the way Electron main reads it
 * (parseKioskOptions): the hub, the camera base, the scale and the wall position all arrive, so
 * the kiosk's windows and CSP match the browser shell's demo. Nothing here starts Electron.
 */
import { describe, expect, it } from 'vitest';
import { loadProjectDir } from '../node/project-loader.js';
import { demoWallOrigin, placeDemoWindows, plannedDemoWindows } from '../core/displays/demo-plan.js';
import { kioskPageCsp, parseKioskOptions, wallPageConfig, windowBounds } from '../core/kiosk/kiosk-options.js';
import { parseCsp } from '../core/kiosk/page-csp.js';
import { assumedDisplays, planWindows } from '../core/displays/window-plan.js';
import { kioskLaunch } from './electron-demo.js';
import { PACKAGE_ROOT } from './paths.js';

const loaded = loadProjectDir(PACKAGE_ROOT).result;
if (!loaded.ok) throw new Error('the demo project does not load');
const project = loaded.value;
const env = { WALLRUN_HUB_URL: 'http://127.0.0.1:7401', WALLRUN_HUB_TOKEN: 'wall-token-0123456789abcdefghij', WALLRUN_DEMO_FEED: '1', WALLRUN_LANG: 'en' };

describe('kioskLaunch', () => {
  it('gives each node a kiosk whose windows, pages and CSP are the browser-shell demo\'s', () => {
    const nodes = ['node-2', 'node-3']; // a subset: the wall origin is that of the windows shown
    const windows = plannedDemoWindows(project.wall, nodes);
    const scale = 0.25;
    const browser = placeDemoWindows(windows, scale);
    const cameraBase = 'http://127.0.0.1:40999/';
    for (const node of nodes) {
      const launch = kioskLaunch(node, `/tmp/profile-${node}`, { projectDir: '/srv/wall', env, scale, wallOrigin: demoWallOrigin(windows), cameraBase });
      expect(launch.args).toEqual(expect.arrayContaining([`--user-data-dir=/tmp/profile-${node}`, '--project=/srv/wall', `--node=${node}`, '--assume-displays', '--windowed']));
      const options = parseKioskOptions(['/usr/bin/electron', ...launch.args], launch.env);
      expect(options).toMatchObject({ node, projectDir: '/srv/wall', demoFeed: true, lang: 'en', scale, hub: { url: env.WALLRUN_HUB_URL, token: env.WALLRUN_HUB_TOKEN }, cameraBase });
      // Main plans its node against the assumed displays, as the demo did.
      for (const w of planWindows(project.wall, node, assumedDisplays(project.wall, node))) {
        const shown = browser.windows.find((b) => b.planned.id === w.id)!;
        expect(windowBounds(w, options), w.id).toEqual(shown.rect);
        expect(wallPageConfig(project, w, options)).toMatchObject({ scale, cameraBase, hub: { url: env.WALLRUN_HUB_URL } });
      }
      const csp = parseCsp(kioskPageCsp(project, options));
      expect(csp['media-src']).toEqual(["'self'", 'blob:', 'data:', 'http://127.0.0.1:40999']);
      expect(csp['connect-src']).toEqual(["'self'", 'blob:', 'data:', 'http://127.0.0.1:40999', 'http://127.0.0.1:7401', 'ws://127.0.0.1:7401']);
    }
  });

  it('without --scale or cameras: windows 1:1 at their wall position, no camera base', () => {
    const windows = plannedDemoWindows(project.wall, ['node-1', 'node-2']);
    const launch = kioskLaunch('node-2', '/tmp/p', { projectDir: '/srv/wall', env, wallOrigin: demoWallOrigin(windows), cameraBase: null });
    expect(launch.args.some((a) => a.startsWith('--scale='))).toBe(false);
    expect(launch.env.WALLRUN_CAMERA_BASE).toBeUndefined();
    const options = parseKioskOptions(launch.args, launch.env);
    expect(options.scale).toBeUndefined();
    expect(options.cameraBase).toBeUndefined();
    const node2 = placeDemoWindows(windows, 1).windows.filter((w) => w.planned.node === 'node-2');
    for (const w of node2) expect(windowBounds(w.planned, options)).toEqual(w.rect);
  });
});
