/**
 * Web tiles end to end (issue 14 "done when"): the browser shell, the wall page's web layer and the
 * `web` widget together, with nothing stood in. One window over three screens shows three web tiles
 * of a loopback dashboard server: a page sent with X-Frame-Options DENY and one with
 * `frame-ancestors 'none'` show the refused placeholder with the header as the reason (decided by
 * the shell from the response, drawn by the tile), and a dashboard behind basic auth shows its page,
 * signed in with the node's web-credentials.json (mode 600), the layout naming only the credential.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WallDebugState } from '../../src/core/page/debug-hook.js';
import type { Wall } from '../../src/core/wall/model.js';
import { BrowserShell } from '../../src/shell/browser-shell.js';
import { layout, pageConfig, tile, windowFor } from '../support/fixtures.js';
import { pixel } from '../support/png.js';
import { WallBrowser, capturePage, chromiumPath, ensureRendererBuilt, waitForState, type WallWindow } from '../support/wall-browser.js';
import { makeWall } from '../support/wall-fixtures.js';

const S = 0.25;
const TEAL: [number, number, number] = [20, 170, 150];
const SECRET = { username: 'wall', password: 'mật-khẩu-bảng' };
const near = (p: number[], c: number[]): boolean => c.every((v, i) => Math.abs(v - p[i]!) <= 12);

describe('web tiles end to end in the browser shell', () => {
  let server: Server;
  let origin = '';
  let browser: WallBrowser;
  let win: WallWindow;
  const authorizations: (string | undefined)[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'wallrun-web-chain-'));

  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      const page = (status: number, headers: Record<string, string> = {}): void => {
        res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers });
        res.end(`<!doctype html><body style="margin:0;background:rgb(${TEAL.join(',')})"></body>`);
      };
      if (path === '/deny') return page(200, { 'x-frame-options': 'DENY' });
      if (path === '/ancestors-none') return page(200, { 'content-security-policy': "frame-ancestors 'none'" });
      authorizations.push(req.headers.authorization);
      const signedIn = req.headers.authorization === `Basic ${Buffer.from(`${SECRET.username}:${SECRET.password}`).toString('base64')}`;
      return signedIn ? page(200) : page(401, { 'www-authenticate': 'Basic realm="dash"' });
    });
    // localhost, not 127.0.0.1: another site than the wall page, so the dashboard runs in its own process.
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://localhost:${(server.address() as AddressInfo).port}`;
    const file = join(dir, 'web-credentials.json');
    writeFileSync(file, JSON.stringify({ dash: SECRET }));
    chmodSync(file, 0o600);
    await ensureRendererBuilt();
    browser = WallBrowser.wrap(await BrowserShell.launch({ chromiumPath: chromiumPath(), webCredentials: file, log: () => undefined }));
    const wall: Wall = { ...makeWall({ columns: 3, rows: 1 }), web: { origins: [origin], credentials: { dash: { origin, kind: 'basic' } } } };
    const web = (col: number, id: string, path: string, credential?: string) =>
      tile({ id, widget: 'web', cell: { col, row: 0, colSpan: 1, rowSpan: 1 }, title: { vi: id, en: id }, props: { url: `${origin}${path}`, ...(credential ? { credential } : {}) } });
    const dashboards = layout('dashboards', [web(0, 'deny', '/deny'), web(1, 'ancestors', '/ancestors-none'), web(2, 'secure', '/secure', 'dash')]);
    win = await browser.open(pageConfig({ wall, layouts: [dashboards], window: windowFor(wall, 'node-1'), scale: S }));
  }, 60_000);

  afterAll(async () => {
    await browser?.closeWindows({ allowHttp: true });
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  const web = (s: WallDebugState, id: string) => s.tiles.find((t) => t.id === id)?.web;

  it('shows the refusals with their header as the reason, and the signed-in dashboard with its page', async () => {
    const settled = await waitForState(win, (s) => web(s, 'deny')?.status === 'refused' && web(s, 'ancestors')?.status === 'refused' && web(s, 'secure')?.status === 'shown', undefined, 30_000);
    expect(web(settled, 'deny')).toMatchObject({ status: 'refused', reason: 'X-Frame-Options: DENY' });
    expect(web(settled, 'ancestors')).toMatchObject({ status: 'refused', reason: "Content-Security-Policy: frame-ancestors 'none'" });
    // The credential went to the dashboard's origin as the shell added it; the layout named only "dash".
    expect(authorizations).toContain(`Basic ${Buffer.from(`${SECRET.username}:${SECRET.password}`).toString('base64')}`);

    // In the page's picture: the signed-in page fills the middle of screen 3; the refused ones show no page.
    const shot = await capturePage(win);
    const middleOf = (col: number): number[] => pixel(shot, Math.floor((col + 0.5) * 1920 * S), Math.floor(0.6 * 1080 * S)).slice(0, 3);
    expect(near(middleOf(2), TEAL), JSON.stringify(middleOf(2))).toBe(true);
    expect(near(middleOf(0), TEAL)).toBe(false);
    expect(near(middleOf(1), TEAL)).toBe(false);
  }, 60_000);
});
