/**
 * The Electron kiosk as `wallrun demo` starts it: the preview options (scale, wall origin, camera
 * base), the page config and window bounds they give, and the CSP for a demo whose cameras are
 * served on another port than the hub. The rest of kiosk-options is in kiosk-policy.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { loadProjectDir } from '../../node/project-loader.js';
import { demoWallOrigin, placeDemoWindows, plannedDemoWindows } from '../displays/demo-plan.js';
import { checkPageConfig } from '../page/host-api.js';
import { kioskPageCsp, parseKioskOptions, wallPageConfig, windowBounds } from './kiosk-options.js';
import { parseCsp, WALL_CSP } from './page-csp.js';

const loaded = loadProjectDir(new URL('../../../', import.meta.url).pathname).result;
if (!loaded.ok) throw new Error('the demo project does not load');
const project = loaded.value;

const HUB = 'http://127.0.0.1:7400';
const CAMERAS = 'http://127.0.0.1:40123/';
const demoEnv = { WALLRUN_HUB_URL: HUB, WALLRUN_HUB_TOKEN: 'wall-token-0123456789abcdefghij', WALLRUN_CAMERA_BASE: CAMERAS };

describe('demo preview options', () => {
  it('reads --scale and --wall-origin with --assume-displays only, and the camera base from a flag or the environment', () => {
    const argv = ['/usr/bin/electron', '.', '--assume-displays', '--windowed', '--scale=0.5', '--wall-origin=-12,34'];
    expect(parseKioskOptions(argv, demoEnv)).toMatchObject({ scale: 0.5, wallOrigin: { x: -12, y: 34 }, cameraBase: CAMERAS });
    // On a wall's real displays a window is never scaled or moved off its display.
    const real = parseKioskOptions(['--scale=0.5', '--wall-origin=0,0'], {});
    expect(real.scale).toBeUndefined();
    expect(real.wallOrigin).toBeUndefined();
    expect(parseKioskOptions(['--camera-base=https://cams.ioc.example:8443/hls'], {}).cameraBase).toBe('https://cams.ioc.example:8443/hls');
    expect(parseKioskOptions(['--camera-base=http://10.0.0.9:8000'], {}).cameraBase).toBe('http://10.0.0.9:8000/');
  });

  it('ignores values that do not parse, keeping the 1:1 wall defaults', () => {
    for (const scale of ['0', '-1', '1.5', 'fit', '']) {
      expect(parseKioskOptions(['--assume-displays', `--scale=${scale}`], {}).scale, scale).toBeUndefined();
    }
    for (const origin of ['1', '1,2,3', 'a,b', '1.5,2']) {
      expect(parseKioskOptions(['--assume-displays', `--wall-origin=${origin}`], {}).wallOrigin, origin).toBeUndefined();
    }
    for (const base of ['file:///etc/', 'ftp://x/', 'http://user:pw@host/', 'cam-01/', 'javascript:alert(1)']) {
      expect(parseKioskOptions([`--camera-base=${base}`], {}).cameraBase, base).toBeUndefined();
    }
  });

  it('places every window of a scaled demo exactly where the browser shell places it, and gives its page the scale and camera base', () => {
    const nodes = project.wall.nodes.map((n) => n.id);
    const windows = plannedDemoWindows(project.wall, nodes);
    const origin = demoWallOrigin(windows);
    const scale = 0.166;
    const browser = placeDemoWindows(windows, scale);
    const options = parseKioskOptions(['--assume-displays', '--windowed', `--scale=${scale}`, `--wall-origin=${origin.x},${origin.y}`], demoEnv);
    for (const [i, w] of windows.entries()) {
      expect(windowBounds(w, options), w.id).toEqual(browser.windows[i]!.rect);
      const config = wallPageConfig(project, w, options);
      expect(checkPageConfig(config), w.id).toEqual([]);
      // The page gets the plan as is: it sizes its canvas as window bounds × scale.
      expect(config).toMatchObject({ window: w, scale, cameraBase: CAMERAS });
    }
    // Without the preview options, the kiosk's windows are where they are planned, 1:1.
    const wall = parseKioskOptions(['--assume-displays'], {});
    expect(windowBounds(windows[0]!, wall)).toEqual(windows[0]!.bounds);
    expect(wallPageConfig(project, windows[0]!, wall)).toMatchObject({ scale: 1, cameraBase: 'app://wall/assets/' });
  });
});

describe('the kiosk page CSP for the demo', () => {
  it('admits the hub and the cameras on their own port, exactly those origins', () => {
    // The shipped layouts name their cameras relative to the camera base (cam-01/index.m3u8 …).
    const csp = parseCsp(kioskPageCsp(project, parseKioskOptions([], demoEnv)));
    expect(csp['connect-src']).toEqual(["'self'", 'blob:', 'data:', 'http://127.0.0.1:40123', 'http://127.0.0.1:7400', 'ws://127.0.0.1:7400']);
    expect(csp['media-src']).toEqual(["'self'", 'blob:', 'data:', 'http://127.0.0.1:40123']);
    // The shipped layouts have no web tile: no frame at all.
    expect(csp['frame-src']).toEqual(["'none'"]);
    // Everything else as the page's own <meta> policy.
    const meta = parseCsp(WALL_CSP);
    for (const [name, values] of Object.entries(csp)) {
      if (!['connect-src', 'media-src', 'frame-src'].includes(name)) expect(values, name).toEqual(meta[name]);
    }
  });

  it('without a camera base (no cameras) it admits the hub only', () => {
    const csp = parseCsp(kioskPageCsp(project, parseKioskOptions([], { ...demoEnv, WALLRUN_CAMERA_BASE: '' })));
    expect(csp['connect-src']).toEqual(["'self'", 'blob:', 'data:', 'http://127.0.0.1:7400', 'ws://127.0.0.1:7400']);
    expect(csp['media-src']).toEqual(["'self'", 'blob:', 'data:']);
  });
});

describe('web credentials option', () => {
  it('--web-credentials=FILE, else WALLRUN_WEB_CREDENTIALS, else absent (main uses the default beside wallrun.env)', () => {
    expect(parseKioskOptions(['--web-credentials=/etc/wallrun/web.json'], { WALLRUN_WEB_CREDENTIALS: '/x.json' }).webCredentials).toBe('/etc/wallrun/web.json');
    expect(parseKioskOptions([], { WALLRUN_WEB_CREDENTIALS: ' /x.json ' }).webCredentials).toBe('/x.json');
    expect(parseKioskOptions([], {}).webCredentials).toBeUndefined();
  });
});
