import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT_CHORD, PIN_CLOSED, PIN_IDLE_MS, PIN_LOCK_MS, pinEntryStep, pinOverlayCss, type PinEntryState, type PinKeyInput } from './exit-pin.js';
import { loadProjectDir } from '../../node/project-loader.js';
import { checkPageConfig } from '../page/host-api.js';
import { fallbackPageHtml, fallbackPageUrl, kioskPageCsp, parseEnvFile, parseKioskOptions, wallPageConfig, windowBackground } from './kiosk-options.js';
import { assumedDisplays, planWindows } from '../displays/window-plan.js';
import { WALL_CSP, pageOrigins, parseCsp, wallPageCsp } from './page-csp.js';
import {
  WALL_PAGE_URL,
  appUrlTarget,
  contentTypeFor,
  navigationAllowed,
  permissionAllowed,
  requestAllowed,
} from './kiosk-policy.js';
import { exitAllowed, makePinHash } from './exit-pin.js';
import { kioskWindowOptions, safeBackground } from './kiosk-window.js';
import { sha256Hex } from '../protocol/sha256.js';
import type { PlannedWindow } from '../displays/window-plan.js';

const oneScreen: PlannedWindow = {
  id: 'node-1/w0',
  node: 'node-1',
  bounds: { x: 1920, y: 0, width: 1920, height: 1080 },
  screens: [{ screenId: 'r1c2', displayId: 2, windowRect: { x: 0, y: 0, width: 1920, height: 1080 }, wallRect: { x: 1929, y: 3, width: 1920, height: 1080 }, rotation: 0 }],
  viewport: { x: 1929, y: 3, width: 1920, height: 1080 },
};
const twoScreens: PlannedWindow = {
  ...oneScreen,
  bounds: { x: 0, y: 0, width: 3840, height: 1080 },
  screens: [oneScreen.screens[0]!, { ...oneScreen.screens[0]!, screenId: 'r1c3', displayId: 3 }],
};

describe('kioskWindowOptions', () => {
  const base = { background: '#0b1220', preload: '/app/dist/electron/preload.cjs', kiosk: true, devTools: false };

  it('locks the renderer down whatever the window', () => {
    for (const window of [oneScreen, twoScreens]) {
      const o = kioskWindowOptions({ ...base, window });
      expect(o.webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        spellcheck: false,
        devTools: false,
        backgroundThrottling: false,
        preload: base.preload,
      });
      expect(o.frame).toBe(false);
      expect(o.show).toBe(false);
      expect(o.backgroundColor).toBe('#0b1220');
    }
  });

  it('puts the window on its exact bounds; kiosk/fullscreen only over a single display', () => {
    const single = kioskWindowOptions({ ...base, window: oneScreen });
    expect(single).toMatchObject({ x: 1920, y: 0, width: 1920, height: 1080, kiosk: true, fullscreen: true, alwaysOnTop: true });
    const span = kioskWindowOptions({ ...base, window: twoScreens });
    expect(span).toMatchObject({ x: 0, y: 0, width: 3840, height: 1080, kiosk: false, fullscreen: false, alwaysOnTop: true, movable: false, enableLargerThanScreen: true });
  });

  it('windowed mode (tests, assumed displays) is neither kiosk nor on top', () => {
    const o = kioskWindowOptions({ ...base, window: oneScreen, kiosk: false, devTools: true });
    expect(o).toMatchObject({ kiosk: false, fullscreen: false, alwaysOnTop: false, skipTaskbar: false });
    expect(o.webPreferences.devTools).toBe(true);
    expect(o.webPreferences.contextIsolation).toBe(true);
  });

  it('falls back to black for colours Electron would not take', () => {
    expect(safeBackground('#abc')).toBe('#abc');
    expect(safeBackground('red; evil')).toBe('#000000');
    expect(safeBackground(undefined)).toBe('#000000');
  });
});

describe('CSP', () => {
  it('is the policy of the page itself (src/renderer/index.html)', () => {
    const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta, 'index.html has a CSP meta').toBeDefined();
    expect(parseCsp(WALL_CSP)).toEqual(parseCsp(meta!));
  });

  it('forbids inline script and eval, and code from anywhere but our origin', () => {
    const csp = parseCsp(WALL_CSP);
    expect(csp['default-src']).toEqual(["'none'"]);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(WALL_CSP).not.toMatch(/unsafe-(inline|eval)/);
  });

  const sources = {
    hub: { url: 'http://10.20.0.5:7400/' },
    cameraBase: 'http://10.20.0.9:8888/hls/',
    assetBase: 'app://wall/assets/',
    layouts: [{ tiles: [
      { widget: 'camera' as const, props: { source: 'https://cam.example.vn/live/c1.m3u8' } },
      { widget: 'camera' as const, props: { source: 'c2/index.m3u8' } },
      { widget: 'kpi' as const, props: { source: 'http://not-a-camera.example/' } },
    ] }],
  };

  it('per page config: connects only to its hub (http and ws), its bases and its cameras', () => {
    expect(pageOrigins(sources as never)).toEqual({
      connect: ['http://10.20.0.5:7400', 'http://10.20.0.9:8888', 'https://cam.example.vn', 'ws://10.20.0.5:7400'],
      media: ['http://10.20.0.9:8888', 'https://cam.example.vn'],
      frame: [],
    });
    const csp = parseCsp(wallPageCsp(sources as never));
    expect(csp['connect-src']).toEqual(["'self'", 'blob:', 'data:', 'http://10.20.0.5:7400', 'http://10.20.0.9:8888', 'https://cam.example.vn', 'ws://10.20.0.5:7400']);
    expect(csp['media-src']).toEqual(["'self'", 'blob:', 'data:', 'http://10.20.0.9:8888', 'https://cam.example.vn']);
    // A go2rtc MSE source: its ws origin may connect (the media reaches the element as blob:), nothing else.
    const go2rtc = { cameraBase: '', assetBase: '', layouts: [{ tiles: [{ widget: 'camera', props: { source: 'wss://go2rtc.ioc.example:1984/api/ws?src=cam1' } }] }] };
    expect(pageOrigins(go2rtc as never)).toEqual({ connect: ['wss://go2rtc.ioc.example:1984'], media: [], frame: [] });
    const none = parseCsp(wallPageCsp({ cameraBase: 'app://wall/assets/', assetBase: 'app://wall/assets/', layouts: [] }));
    expect(none['connect-src']).toEqual(["'self'", 'blob:', 'data:']);
    expect(none['frame-src']).toEqual(["'none'"]);
    const web = { cameraBase: '', assetBase: '', layouts: [{ tiles: [{ widget: 'web', props: { url: 'https://grafana.ioc.example/d/abc?kiosk' } }] }] };
    expect(parseCsp(wallPageCsp(web as never))['frame-src']).toEqual(['https://grafana.ioc.example']);
    expect(parseCsp(wallPageCsp({ ...sources, hub: { url: 'https://hub.ioc.camau.gov.vn' } } as never))['connect-src']).toContain('wss://hub.ioc.camau.gov.vn');
  });

  it('per page config: a project camera (props.camera) streams from the hub: its ws(s) origin for the low-latency socket, its http(s) origin for the HLS fallback, blob: for MSE', () => {
    const hubCameras = { hub: { url: 'https://hub.ioc.camau.gov.vn:7400' }, cameraBase: '', assetBase: '', layouts: [{ tiles: [{ widget: 'camera', props: { camera: 'nga-tu-quoc-lo-1' } }] }] };
    const csp = parseCsp(wallPageCsp(hubCameras as never));
    expect(csp['connect-src']).toEqual(["'self'", 'blob:', 'data:', 'https://hub.ioc.camau.gov.vn:7400', 'wss://hub.ioc.camau.gov.vn:7400']);
    expect(csp['media-src']).toContain('blob:');
  });

  it('per page config: never wider than the page’s own <meta> policy, and the same elsewhere', () => {
    const base = parseCsp(WALL_CSP);
    const narrow = parseCsp(wallPageCsp(sources as never));
    expect(Object.keys(narrow).sort()).toEqual(Object.keys(base).sort());
    for (const [name, values] of Object.entries(narrow)) {
      for (const v of values) {
        // 'none' alone is the narrowest list there is.
        if (v === "'none'" && values.length === 1) continue;
        const scheme = /^([a-z]+):\/\//.exec(v)?.[1];
        if (v !== "'none'") expect(base[name], `${name} ${v}`).toContain(scheme ? `${scheme}:` : v);
      }
      if (!NARROWED.includes(name)) expect(values).toEqual(base[name]);
    }
  });

  const web = (url: unknown) => ({ widget: 'web' as const, props: { url } });
  const withWeb = {
    ...sources,
    layouts: [
      ...sources.layouts,
      { tiles: [web('https://Grafana.IOC.example:443/d/abc?kiosk'), web('http://10.20.0.7:3000/'), { widget: 'kpi' as const, props: { url: 'https://kpi.example/' } }] },
      { tiles: [web('https://grafana.ioc.example/d/other'), web('javascript:alert(1)'), web(42)] },
    ],
  };

  it("per page config: frames exactly its layouts' web tile origins, as browsers write them", () => {
    expect(pageOrigins(withWeb as never).frame).toEqual(['http://10.20.0.7:3000', 'https://grafana.ioc.example']);
    expect(parseCsp(wallPageCsp(withWeb as never))['frame-src']).toEqual(['http://10.20.0.7:3000', 'https://grafana.ioc.example']);
    // Web origins are for frames only: the page itself never fetches from them.
    expect(parseCsp(wallPageCsp(withWeb as never))['connect-src']).not.toContain('https://grafana.ioc.example');
  });

  it("per page config: no web tile, no frame at all ('none')", () => {
    expect(parseCsp(wallPageCsp(sources as never))['frame-src']).toEqual(["'none'"]);
  });

  it('the page’s own policy frames only http(s) pages, never data:, blob: or javascript:', () => {
    expect(parseCsp(WALL_CSP)['frame-src']).toEqual(['http:', 'https:']);
  });
});

/** Directives the per-page policy narrows; every other one is the <meta> policy's. */
const NARROWED = ['connect-src', 'media-src', 'frame-src'];

describe('navigation and requests', () => {
  it('allows only our own wall page', () => {
    expect(navigationAllowed(WALL_PAGE_URL)).toBe(true);
    expect(navigationAllowed('app://wall/')).toBe(true);
    expect(navigationAllowed('app://wall/index.html?x=1#y')).toBe(true);
    for (const url of [
      'https://example.com/',
      'http://wall/index.html',
      'file:///etc/passwd',
      'app://wall/../index.html',
      'app://wallx/index.html',
      'app://evil/index.html',
      'app://wall/assets/x.html',
      'data:text/html,<script>alert(1)</script>',
      'javascript:alert(1)',
      'about:blank',
      '',
    ]) {
      expect(navigationAllowed(url), url).toBe(false);
    }
  });

  it('loads code only from app://wall, data from the network', () => {
    expect(requestAllowed('app://wall/wall.js', 'script')).toBe(true);
    expect(requestAllowed('blob:app://wall/123', 'script')).toBe(true);
    expect(requestAllowed('https://cdn.example.com/x.js', 'script')).toBe(false);
    expect(requestAllowed('https://example.com/', 'mainFrame')).toBe(false);
    expect(requestAllowed('https://example.com/', 'subFrame')).toBe(false);
    expect(requestAllowed('file:///etc/passwd', 'xhr')).toBe(false);
    expect(requestAllowed('app://wall/x.swf', 'object')).toBe(false);
    expect(requestAllowed('https://cams.local/cam-01/index.m3u8', 'xhr')).toBe(true);
    expect(requestAllowed('wss://hub.local/socket.io/', 'webSocket')).toBe(true);
    expect(requestAllowed('ftp://x/', 'other')).toBe(false);
  });

  it('maps app:// URLs into the page or assets, never outside them', () => {
    expect(appUrlTarget('app://wall/')).toEqual({ area: 'renderer', path: 'index.html' });
    expect(appUrlTarget('app://wall/fonts/be.woff2?v=1')).toEqual({ area: 'renderer', path: 'fonts/be.woff2' });
    expect(appUrlTarget('app://wall/assets/maps/ca%20mau.geojson')).toEqual({ area: 'assets', path: 'maps/ca mau.geojson' });
    for (const url of ['app://wall/../package.json', 'app://wall/assets/%2e%2e/wall.yaml', 'app://wall/assets/', 'app://wall/a//b', 'app://wall/a%5cb', 'app://wall/%E0%A4%A', 'app://other/x']) {
      expect(appUrlTarget(url), url).toBeNull();
    }
    expect(contentTypeFor('wall.js')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('x.WOFF2')).toBe('font/woff2');
    expect(contentTypeFor('x.bin')).toBe('application/octet-stream');
  });

  it('denies every permission but fullscreen for our page', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'hid', 'serial', 'usb', 'openExternal', 'display-capture', 'unknown']) {
      expect(permissionAllowed(p, WALL_PAGE_URL), p).toBe(false);
    }
    expect(permissionAllowed('fullscreen', WALL_PAGE_URL)).toBe(true);
    expect(permissionAllowed('fullscreen', 'https://example.com/')).toBe(false);
    expect(permissionAllowed('fullscreen', undefined)).toBe(false);
  });
});

describe('exit PIN', () => {
  it('sha256 agrees with node:crypto, including non-ASCII and multi-block input', () => {
    for (const text of ['', 'abc', 'salt:1234', 'Tường màn hình 🧱', 'x'.repeat(200), 'lone \ud800 surrogate']) {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });

  it('sha256 gives the digests stored before @noble/hashes replaced the hand-written one', () => {
    // FIPS 180-4's "abc" vector, and an exit PIN hash written before the switch, as literals.
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const stored = 'sha256:a1b2c3:9cce0e6f4dfd95138b080cf348a378c03fe911569b9031a942d36f449d2481c9';
    expect(exitAllowed('2468', stored)).toBe(true);
    expect(exitAllowed('2469', stored)).toBe(false);
  });

  it('exitAllowed checks the PIN against the configured salted hash', () => {
    const hash = makePinHash('2468', 'a1b2c3');
    expect(hash).toBe(`sha256:a1b2c3:${createHash('sha256').update('a1b2c3:2468').digest('hex')}`);
    expect(exitAllowed('2468', hash)).toBe(true);
    const [scheme, salt, hex] = hash.split(':');
    expect(exitAllowed('2468', `${scheme}:${salt}:${hex!.toUpperCase()}`)).toBe(true);
    expect(exitAllowed('2469', hash)).toBe(false);
    expect(exitAllowed('', hash)).toBe(false);
    expect(exitAllowed('2468', undefined)).toBe(false);
    expect(exitAllowed('2468', '')).toBe(false);
    expect(exitAllowed('2468', 'md5:a1b2c3:abc')).toBe(false);
    expect(() => makePinHash('1', 'a:b')).toThrow();
  });

  const key = (k: string, extra: Partial<PinKeyInput> = {}): PinKeyInput => ({ type: 'keyDown', key: k, control: false, alt: false, shift: false, ...extra });
  const chord = key('Q', { control: true, alt: true, shift: true });
  const hash = makePinHash('2468', 's');
  function type(state: PinEntryState, keys: string[], now: number, pinHash: string | null = hash): { state: PinEntryState; actions: string[] } {
    const actions: string[] = [];
    for (const k of keys) {
      const step = pinEntryStep(state, key(k), now, pinHash ?? undefined);
      state = step.state;
      actions.push(step.action);
    }
    return { state, actions };
  }

  it('passes ordinary keys to the page and opens entry on the chord', () => {
    expect(pinEntryStep(PIN_CLOSED, key('F2'), 0, hash).action).toBe('pass');
    expect(EXIT_CHORD.key).toBe('q');
    const opened = pinEntryStep(PIN_CLOSED, chord, 0, hash);
    expect(opened.action).toBe('prompt');
    const typed = type(opened.state, ['2', '4', '6', '8'], 10);
    expect(typed.actions).toEqual(['prompt', 'prompt', 'prompt', 'prompt']);
    expect(pinOverlayCss(typed.state, 'prompt')).toContain('••••_');
    expect(pinEntryStep(typed.state, key('Enter'), 20, hash).action).toBe('exit');
  });

  it('swallows keys while open, closes on Escape or when idle', () => {
    const opened = pinEntryStep(PIN_CLOSED, chord, 0, hash).state;
    expect(pinEntryStep(opened, key('F2'), 1, hash).action).toBe('swallow');
    expect(pinEntryStep(opened, key('Escape'), 1, hash)).toMatchObject({ action: 'close', state: { open: false } });
    expect(pinEntryStep(opened, key('F2'), PIN_IDLE_MS + 1, hash).action).toBe('pass');
  });

  it('locks entry after three wrong PINs', () => {
    let state = PIN_CLOSED;
    const actions: string[] = [];
    for (let i = 0; i < 3; i++) {
      state = pinEntryStep(state, chord, i, hash).state;
      const r = type(state, ['1', 'Enter'], i);
      state = r.state;
      actions.push(r.actions.at(-1)!);
    }
    expect(actions).toEqual(['denied', 'denied', 'locked']);
    expect(pinEntryStep(state, chord, 100, hash).action).toBe('locked');
    expect(pinEntryStep(state, chord, 2 + PIN_LOCK_MS, hash).action).toBe('prompt');
  });

  it('never opens the exit without a configured hash', () => {
    const opened = pinEntryStep(PIN_CLOSED, chord, 0, undefined).state;
    expect(type(opened, ['2', '4', '6', '8', 'Enter'], 1, null).actions.at(-1)).toBe('denied');
  });
});

describe('kiosk options and fallback page', () => {
  it('reads flags first, then the environment, ignoring Chromium switches', () => {
    const o = parseKioskOptions(['/usr/bin/electron', '.', '--no-sandbox', '--node=node-2', '--demo-feed', '--lang=en'], {
      WALLRUN_NODE: 'node-3',
      WALLRUN_PROJECT: '/srv/wall',
      WALLRUN_EXIT_PIN_HASH: ' sha256:s:00 ',
    });
    expect(o).toEqual({ node: 'node-2', projectDir: '/srv/wall', lang: 'en', demoFeed: true, assumeDisplays: false, windowed: false, dev: false, exitPinHash: 'sha256:s:00' });
    expect(parseKioskOptions(['--dev'], {})).toMatchObject({ dev: true, windowed: true, lang: 'vi' });
  });

  it('reads WALLRUN_* settings from the env file, nothing else', () => {
    const text = ['# wall PC 1', 'WALLRUN_NODE=node-1', 'export WALLRUN_PROJECT="/srv/wall project"', "WALLRUN_EXIT_PIN_HASH='sha256:s:ab'", 'WALLRUN_LANG=en # English', 'PATH=/evil', 'garbage'].join('\n');
    expect(parseEnvFile(text)).toEqual({ WALLRUN_NODE: 'node-1', WALLRUN_PROJECT: '/srv/wall project', WALLRUN_EXIT_PIN_HASH: 'sha256:s:ab', WALLRUN_LANG: 'en' });
  });

  it('escapes every text of the fallback page and runs no script', () => {
    const html = fallbackPageHtml({ title: 'Lỗi <b>', lines: ['<script>alert(1)</script>', 'a & "b"'] });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;');
    expect(html).toContain("default-src 'none'");
    expect(fallbackPageUrl({ title: 'x', lines: [] })).toMatch(/^data:text\/html;charset=utf-8,/);
  });
});

describe('wall page config for kiosk windows', () => {
  const result = loadProjectDir(new URL('../../../', import.meta.url).pathname).result;
  if (!result.ok) throw new Error('the demo project does not load');
  const project = result.value;
  const options = parseKioskOptions([], {});

  it('every planned window of the demo wall gets a config the page accepts', () => {
    for (const node of project.wall.nodes) {
      for (const w of planWindows(project.wall, node.id, assumedDisplays(project.wall, node.id))) {
        const config = wallPageConfig(project, w, options);
        expect(checkPageConfig(config), w.id).toEqual([]);
        expect(config).toMatchObject({ window: w, initialLayout: project.wall.defaultLayout, scale: 1, assetBase: 'app://wall/assets/', demoFeed: false });
      }
    }
  });

  it('with a hub (URL and token from the environment only), each window gets its identity and the CSP names the hub', () => {
    const env = { WALLRUN_HUB_URL: 'http://10.20.0.5:7400', WALLRUN_HUB_TOKEN: 'wall-token-0123456789abcdefghij', WALLRUN_ESCALATE_AFTER_S: '90', WALLRUN_ALERT_SOUND: '0' };
    const withHub = parseKioskOptions([], env);
    expect(withHub.hub).toEqual({ url: 'http://10.20.0.5:7400', token: env.WALLRUN_HUB_TOKEN, escalateAfterS: 90, sound: false });
    expect(parseKioskOptions(['--hub=http://10.20.0.6:7400'], { WALLRUN_HUB_TOKEN: 't' }).hub?.url).toBe('http://10.20.0.6:7400');
    expect(parseKioskOptions(['--hub=http://10.20.0.6:7400'], {}).hub).toBeUndefined();
    for (const node of project.wall.nodes) {
      for (const w of planWindows(project.wall, node.id, assumedDisplays(project.wall, node.id))) {
        const config = wallPageConfig(project, w, withHub);
        expect(checkPageConfig(config), w.id).toEqual([]);
        expect(config.hub?.identity).toEqual({ node: node.id, window: w.id.slice(node.id.length + 1), screens: w.screens.map((s) => s.screenId) });
      }
    }
    const csp = parseCsp(kioskPageCsp(project, withHub));
    expect(csp['connect-src']).toEqual(expect.arrayContaining(['http://10.20.0.5:7400', 'ws://10.20.0.5:7400']));
    expect(csp['connect-src']).not.toContain('http:');
    expect(kioskPageCsp(null, withHub)).toBe(WALL_CSP);
  });

  it('several hubs of an active/standby group: WALLRUN_HUB_URL as a comma-separated list, tried in order, each in the CSP', () => {
    const env = { WALLRUN_HUB_URL: 'https://hub-a.ioc:7400, https://hub-b.ioc:7400', WALLRUN_HUB_TOKEN: 'wall-token-0123456789abcdefghij' };
    const withHubs = parseKioskOptions([], env);
    expect(withHubs.hub).toEqual({ url: 'https://hub-a.ioc:7400', urls: ['https://hub-a.ioc:7400', 'https://hub-b.ioc:7400'], token: env.WALLRUN_HUB_TOKEN });
    expect(parseKioskOptions(['--hub=https://hub-b.ioc:7400,https://hub-a.ioc:7400'], env).hub?.url).toBe('https://hub-b.ioc:7400');
    const w = planWindows(project.wall, 'node-1', assumedDisplays(project.wall, 'node-1'))[0]!;
    const config = wallPageConfig(project, w, withHubs);
    expect(checkPageConfig(config)).toEqual([]);
    expect(config.hub?.urls).toEqual(['https://hub-a.ioc:7400', 'https://hub-b.ioc:7400']);
    expect(parseCsp(kioskPageCsp(project, withHubs))['connect-src']).toEqual(
      expect.arrayContaining(['https://hub-a.ioc:7400', 'wss://hub-a.ioc:7400', 'https://hub-b.ioc:7400', 'wss://hub-b.ioc:7400']),
    );
  });

  it('the hub trust (CA file, pinned fingerprint) comes from flags or the environment, stays with main and never reaches a page', () => {
    const env = { WALLRUN_HUB_URL: 'https://10.20.0.5:7400', WALLRUN_HUB_TOKEN: 'wall-token-0123456789abcdefghij', WALLRUN_HUB_CA: '/etc/wallrun/hub-ca.pem' };
    const withCa = parseKioskOptions([], env);
    expect(withCa.hubTrust).toEqual({ caFile: '/etc/wallrun/hub-ca.pem' });
    expect(parseKioskOptions(['--hub-ca=/x/ca.pem', '--hub-fingerprint=AB:CD'], env).hubTrust).toEqual({ caFile: '/x/ca.pem', fingerprint: 'AB:CD' });
    expect(parseKioskOptions([], { ...env, WALLRUN_HUB_CA: undefined, WALLRUN_HUB_FINGERPRINT: 'sha256:00' }).hubTrust).toEqual({ fingerprint: 'sha256:00' });
    expect(parseKioskOptions([], { WALLRUN_HUB_CA: '/x/ca.pem' }).hubTrust).toBeUndefined(); // no hub, nothing to trust
    const w = planWindows(project.wall, 'node-1', assumedDisplays(project.wall, 'node-1'))[0]!;
    expect(JSON.stringify(wallPageConfig(project, w, withCa))).not.toContain('hub-ca.pem');
    expect(parseCsp(kioskPageCsp(project, withCa))['connect-src']).toEqual(expect.arrayContaining(['https://10.20.0.5:7400', 'wss://10.20.0.5:7400']));
  });

  it('honours a requested layout only when the project has it; paints the theme background first', () => {
    const w = planWindows(project.wall, 'node-1', assumedDisplays(project.wall, 'node-1'))[0]!;
    const other = project.layouts.find((l) => l.id !== project.wall.defaultLayout)!;
    expect(wallPageConfig(project, w, { ...options, layout: other.id }).initialLayout).toBe(other.id);
    expect(wallPageConfig(project, w, { ...options, layout: 'nope' }).initialLayout).toBe(project.wall.defaultLayout);
    const theme = project.themes.find((t) => t.id === project.layouts.find((l) => l.id === project.wall.defaultLayout)!.theme)!;
    expect(windowBackground(project, options)).toBe(safeBackground(theme.colors.background));
    expect(windowBackground(null, options)).toBe('#000000');
  });
});
