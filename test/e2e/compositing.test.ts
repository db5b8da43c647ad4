/**
 * The browser shell tells the page how Chromium composites (the page cannot: WebGL reports
 * SwiftShader either way): Chromium's GPU feature status, read over the DevTools protocol at
 * launch, becomes every window's page config `compositing` (src/core/page/compositing.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeWall } from '../support/wall-fixtures.js';
import { chromiumPath, ensureRendererBuilt } from '../support/wall-browser.js';
import { BrowserShell } from '../../src/shell/browser-shell.js';
import { layout, pageConfig, tile, windowFor } from '../support/fixtures.js';

describe('compositing in the page config', () => {
  let shell: BrowserShell | null = null;
  afterEach(async () => {
    await shell?.destroy();
    shell = null;
  });

  const openAndRead = async (gl: 'swiftshader' | 'gpu'): Promise<{ shell: string | undefined; page: unknown }> => {
    await ensureRendererBuilt();
    shell = await BrowserShell.launch({ chromiumPath: chromiumPath(), gl });
    const wall = makeWall();
    const text = tile({ id: 'hello', widget: 'text', cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }, props: { text: 'Xin chào' } });
    const win = await shell.openWindow(pageConfig({ wall, layouts: [layout('hello', [text])], window: windowFor(wall, 'node-1'), scale: 0.1 }));
    await win.ready();
    const page = await win.page.evaluate(() => (window as unknown as { wallrunHost: { getConfig(): { compositing?: unknown } } }).wallrunHost.getConfig().compositing);
    return { shell: shell.compositing, page };
  };

  it('is gpu with SwiftShader forced (GPU compositing on SwiftShader), and the page gets it', async () => {
    const found = await openAndRead('swiftshader');
    expect(found).toEqual({ shell: 'gpu', page: 'gpu' });
  });

  it("is found under Chromium's default flags too (software on a GPU-less machine), and the page gets it", async () => {
    const found = await openAndRead('gpu');
    expect(found.shell).toMatch(/^(gpu|software)$/);
    expect(found.page).toBe(found.shell);
  });
});
