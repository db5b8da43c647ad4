/**
 * The kiosk end to end.
 *
 * 1. In Electron (playwright-core's `_electron`): the app on the demo project opens one window per
 *    planned window, the page is context-isolated (no require, no process), gets its config from
 *    the preload, and cannot navigate away or open windows. Runs only where the Electron binary is
 *    installed (node_modules/electron/path.txt + dist/, or ELECTRON_OVERRIDE_DIST_PATH) and a
 *    display is available; otherwise it is skipped and says why. The binary is located the way
 *    node_modules/electron/index.js does it, without requiring that file (it would try to download).
 * 2. In system Chromium (the browser shell): the page config the kiosk hands a window renders
 *    under the page's CSP (the kiosk's WALL_CSP) without a single violation.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ElectronApplication, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageEvent } from '../../src/core/page/host-messages.js';
import type { WallPageConfig } from '../../src/core/page/host-api.js';
import { parseKioskOptions, wallPageConfig } from '../../src/core/kiosk/kiosk-options.js';
import { WALL_PAGE_URL } from '../../src/core/kiosk/kiosk-policy.js';
import { assumedDisplays, planWindows } from '../../src/core/displays/window-plan.js';
import { readProject } from '../../src/main/project.js';
import { BrowserShell } from '../../src/shell/browser-shell.js';
import { ensureRendererBuilt } from '../support/wall-browser.js';
import { ELECTRON_BINARY_PREFIX } from '../support/run-reporter.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NODE = 'node-1';

/** The Electron binary as electron/index.js would find it, or why there is none. */
function findElectron(): { binary: string } | { reason: string } {
  const pkg = join(ROOT, 'node_modules', 'electron');
  const pathTxt = join(pkg, 'path.txt');
  const name = existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8').trim() : undefined;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, name ?? 'electron') : name ? join(pkg, 'dist', name) : undefined;
  if (!binary) return { reason: 'the Electron binary is not installed (no node_modules/electron/path.txt, no ELECTRON_OVERRIDE_DIST_PATH)' };
  if (!existsSync(binary)) return { reason: `the Electron binary is missing at ${binary}` };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'no display to open windows on (run the tests under xvfb-run)' };
  }
  return { binary };
}

const electron = findElectron();
const skipReason = 'reason' in electron ? electron.reason : undefined;
if (skipReason) console.log(`test/e2e/electron.test.ts: Electron tests skipped: ${skipReason}`);

const loaded = readProject(ROOT);
if (!loaded.ok) throw new Error(`the demo project does not load:\n${loaded.errors.join('\n')}`);
const project = loaded.project;
const planned = planWindows(project.wall, NODE, assumedDisplays(project.wall, NODE));

describe.skipIf(skipReason !== undefined)(`${ELECTRON_BINARY_PREFIX}kiosk on the demo project`, () => {
  let app: ElectronApplication;
  let page: Page;
  const logLines: string[] = [];

  beforeAll(async () => {
    const { execSync } = await import('node:child_process');
    execSync('npm run build:electron', { cwd: ROOT, stdio: 'pipe' });
    const { _electron } = await import('playwright-core');
    app = await _electron.launch({
      // No executablePath: playwright then resolves electron/index.js itself (which finds the
      // binary found above) and injects its loader.
      args: [ROOT, `--node=${NODE}`, '--assume-displays', '--windowed', '--demo-feed'],
      cwd: ROOT,
      env: { ...process.env, WALLRUN_PROJECT: ROOT } as Record<string, string>,
      timeout: 60_000,
    });
    app.process().stdout?.on('data', (d: Buffer) => logLines.push(...d.toString().split('\n')));
    page = await app.firstWindow();
    await page.waitForURL(WALL_PAGE_URL);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('opens one window per planned window, on the planned bounds', async () => {
    await expect.poll(() => app.windows().length, { timeout: 20_000 }).toBe(planned.length);
    const bounds = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.getBounds()));
    expect(bounds.map((b) => [b.width, b.height]).sort()).toEqual(planned.map((w) => [w.bounds.width, w.bounds.height]).sort());
  });

  it('isolates the page: no require, no process, only the named host functions', async () => {
    const seen = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      const host = w.wallrunHost as Record<string, unknown> | undefined;
      return {
        require: typeof w.require,
        process: typeof w.process,
        module: typeof w.module,
        electron: typeof w.electron,
        ipcRenderer: typeof w.ipcRenderer,
        host: host ? Object.keys(host).sort() : null,
        windowId: (host?.getConfig as () => WallPageConfig)().window.id,
      };
    });
    expect(seen).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined', electron: 'undefined', ipcRenderer: 'undefined', host: ['capturePage', 'emit', 'getConfig', 'onCommand'], windowId: planned[0]!.id });
  });

  it("gives the page its window's picture at the size asked (capturePage: main's webContents.capturePage, resized, JPEG)", async () => {
    const shot = await page.evaluate(() => {
      const host = (window as unknown as { wallrunHost: { capturePage(r: { width: number; height: number; quality: number }): Promise<{ data: string; width: number; height: number }> } }).wallrunHost;
      return host.capturePage({ width: 320, height: 180, quality: 0.8 });
    });
    expect([shot.width, shot.height]).toEqual([320, 180]);
    expect([...Buffer.from(shot.data, 'base64').subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  });

  it('blocks navigation away and new windows', async () => {
    const before = app.windows().length;
    await page.evaluate(() => {
      window.open('https://example.com/', '_blank');
      location.href = 'https://example.com/';
    });
    await page.waitForTimeout(1500);
    expect(page.url()).toBe(WALL_PAGE_URL);
    expect(app.windows().length).toBe(before);
    expect(logLines.join('\n')).toMatch(/blocked (navigation|new window)/);
  });

  it('the page reports ready to main', async () => {
    await expect.poll(() => logLines.some((l) => l.includes('"type":"ready"')), { timeout: 60_000 }).toBe(true);
  });
});

describe('the kiosk page config in the browser shell', () => {
  let shell: BrowserShell;
  beforeAll(async () => {
    await ensureRendererBuilt();
    shell = await BrowserShell.launch();
  }, 60_000);
  afterAll(async () => {
    await shell?.destroy();
  });

  it('renders under the kiosk CSP without a violation', async () => {
    const config = wallPageConfig(project, planned[0]!, parseKioskOptions([], {}));
    // The browser shell serves assets itself; the rest is exactly what the kiosk hands over.
    const win = await shell.openWindow({ ...config, scale: 0.25, assetBase: '', cameraBase: '' });
    try {
      const ready = (await win.ready(60_000)) as Extract<PageEvent, { type: 'ready' }>;
      expect(ready.windowId).toBe(planned[0]!.id);
      const csp = win.errors.filter((e) => /Content Security Policy|Refused to/i.test(e));
      expect(csp).toEqual([]);
    } finally {
      await win.destroy();
    }
  }, 90_000);
});
