/**
 * Web tiles, the browser shell's side (issue 14): a frame whose response refuses framing
 * (X-Frame-Options DENY, CSP frame-ancestors 'none') or answers an error is reported to the wall
 * page as `webFrameStatus` with the reason, as the page's own command listener receives it, and so
 * is an unreachable one; the node's web-credentials.json signs in to its declared origin only
 * (basic auth, a cookie as a request header); a declared credential without a secret is a sign-in
 * to renew; the demo's wall picture of such a window shows the frames' pages. The frames are made by the test in the wall page itself (the
 * web widget is another part of the issue), on loopback servers the test runs.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserShell } from '../../src/shell/browser-shell.js';
import { captureSource } from '../../src/cli/demo-capture.js';
import type { HostCommand } from '../../src/core/page/host-messages.js';
import { WallBrowser, chromiumPath, ensureRendererBuilt, type WallWindow } from '../support/wall-browser.js';
import { layout, pageConfig, tile } from '../support/fixtures.js';
import { makeWall } from '../support/wall-fixtures.js';

type Seen = { path: string; authorization: string | undefined; cookie?: string | undefined };

/** A loopback HTTP server answering a few dashboard pages, recording each request's Authorization. */
async function dashboards(): Promise<{ server: Server; origin: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const page = (res: ServerResponse, status: number, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
    res.end('<!doctype html><body style="background:#2a7">dashboard</body>');
  };
  const server = createServer((req: IncomingMessage, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    seen.push({ path, authorization: req.headers.authorization, ...(req.headers.cookie ? { cookie: req.headers.cookie } : {}) });
    if (path === '/deny') return page(res, 200, { 'x-frame-options': 'DENY' });
    if (path === '/ancestors-none') return page(res, 200, { 'content-security-policy': "frame-ancestors 'none'" });
    if (path === '/secure') {
      const ok = req.headers.authorization === `Basic ${Buffer.from('wall:mật-khẩu').toString('base64')}`;
      return ok ? page(res, 200) : page(res, 401, { 'www-authenticate': 'Basic realm="dash"' });
    }
    if (path === '/gone') return page(res, 404);
    return page(res, 200);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe('web frames in the browser shell', () => {
  let a: Awaited<ReturnType<typeof dashboards>>;
  let b: Awaited<ReturnType<typeof dashboards>>;
  let browser: WallBrowser;
  let win: WallWindow;
  let down = '';
  let cookieOrigin = '';
  const dir = mkdtempSync(join(tmpdir(), 'wallrun-web-'));
  const notes: string[] = [];

  beforeAll(async () => {
    [a, b] = await Promise.all([dashboards(), dashboards()]);
    const portB = new URL(b.origin).port;
    // A port nothing listens on (taken, then let go): an unreachable dashboard.
    const closed = await dashboards();
    down = closed.origin;
    await new Promise((resolve) => closed.server.close(resolve));
    cookieOrigin = `http://localhost:${new URL(a.origin).port}`;
    const file = join(dir, 'web-credentials.json');
    writeFileSync(file, JSON.stringify({ dash: { username: 'wall', password: 'mật-khẩu' }, session: { cookie: 'grafana_session', value: 'abc123' } }));
    chmodSync(file, 0o600);
    await ensureRendererBuilt();
    browser = WallBrowser.wrap(await BrowserShell.launch({ chromiumPath: chromiumPath(), webCredentials: file, log: (l) => notes.push(l) }));
    // Declared as webcore's wall.yaml `web` section declares them; `other` has no secret on this node.
    const origins = [a.origin, b.origin, `http://localhost:${portB}`, cookieOrigin, down];
    const wall = { ...makeWall({ columns: 1, rows: 1 }), web: { origins, credentials: {
      dash: { origin: a.origin, kind: 'basic' },
      session: { origin: cookieOrigin, kind: 'cookie' },
      other: { origin: `http://localhost:${portB}`, kind: 'header' },
    } } } as unknown as ReturnType<typeof makeWall>;
    // The shown layout has no web tile; the other one names the origins, so the page's CSP
    // frame-src lists them (the test makes its own frames in the wall page).
    const shown = layout('plain', [tile({ id: 'k', widget: 'kpi', rect: { x: 0, y: 0, width: 960, height: 540 } })]);
    const webTiles = origins.map((o, i) => tile({ id: `w${i}`, widget: 'web' as never, rect: { x: 0, y: 0, width: 960, height: 540 }, props: { url: `${o}/` } }));
    win = await browser.open(pageConfig({ wall, layouts: [shown, layout('web', webTiles)], initialLayout: 'plain' }));
    await win.page.evaluate(() => {
      const g = globalThis as unknown as { __webStatus: unknown[]; wallrunHost: { onCommand(l: (c: { type: string }) => void): void } };
      g.__webStatus = [];
      g.wallrunHost.onCommand((c) => {
        if (c.type === 'webFrameStatus') g.__webStatus.push(c);
      });
    });
  });
  afterAll(async () => {
    // The 404 and 401 frames are failed requests, expected here; anything else fails the test.
    await browser?.closeWindows({ allowHttp: true });
    await browser?.close();
    await Promise.all([a, b].map((s) => s && new Promise((resolve) => s.server.close(resolve))));
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Adds a frame at `url` to the wall page, over the canvas at its top-left (as the web layer will
   * place tiles); resolves once it loaded (refused frames load too).
   */
  const frame = (url: string): Promise<void> =>
    win.page.evaluate((src) => new Promise<void>((resolve) => {
      const f = document.createElement('iframe');
      f.src = src;
      f.style.cssText = 'position:fixed;left:0;top:0;width:120px;height:120px;border:0;z-index:1';
      f.addEventListener('load', () => resolve(), { once: true });
      document.body.append(f);
    }), url);

  /** The webFrameStatus the page received for `url` (waits for it). */
  const statusFor = async (url: string): Promise<HostCommand> => {
    const handle = await win.page.waitForFunction((u) => (globalThis as unknown as { __webStatus: { url: string }[] }).__webStatus.find((c) => c.url === u), url, { timeout: 15_000 });
    return (await handle.jsonValue()) as HostCommand;
  };

  it('tells the page a frame was refused, naming the header', async () => {
    await frame(`${a.origin}/deny`);
    expect(await statusFor(`${a.origin}/deny`)).toEqual({ type: 'webFrameStatus', url: `${a.origin}/deny`, status: 'refused', reason: 'X-Frame-Options: DENY' });
    await frame(`${b.origin}/ancestors-none`);
    expect(await statusFor(`${b.origin}/ancestors-none`)).toEqual({ type: 'webFrameStatus', url: `${b.origin}/ancestors-none`, status: 'refused', reason: "Content-Security-Policy: frame-ancestors 'none'" });
    await frame(`${b.origin}/gone`);
    expect(await statusFor(`${b.origin}/gone`)).toMatchObject({ status: 'http-error', reason: 'HTTP 404' });
  });

  it("signs in with the node's credential on its origin only", async () => {
    await frame(`${a.origin}/secure`);
    await frame(`${b.origin}/secure`);
    expect(a.seen.find((s) => s.path === '/secure')?.authorization).toBe(`Basic ${Buffer.from('wall:mật-khẩu').toString('base64')}`);
    expect(b.seen.find((s) => s.path === '/secure')).toEqual({ path: '/secure', authorization: undefined });
    // The signed-in frame shows its page; the other origin's answers 401, a sign-in to renew.
    expect(await statusFor(`${b.origin}/secure`)).toMatchObject({ status: 'sign-in-expired', reason: 'HTTP 401' });
    expect(win.webFrameStatuses.map((c) => c.url)).not.toContain(`${a.origin}/secure`);
  });

  it("the demo's wall picture of a window with web tiles includes their pages", async () => {
    await frame(`${a.origin}/plain`);
    const image = await captureSource(win).frame();
    // The last frame added is on top at the top-left: the dashboard's own colour, not the canvas.
    const at = (60 * image!.width + 60) * 4;
    expect([...image!.data.subarray(at, at + 3)]).toEqual([0x22, 0xaa, 0x77]);
  });

  it('a cookie credential is sent as a Cookie header to its origin (a cross-site frame gets no Lax cookie)', async () => {
    await frame(`${cookieOrigin}/with-cookie`);
    expect(a.seen.find((s) => s.path === '/with-cookie')).toEqual({ path: '/with-cookie', authorization: undefined, cookie: 'grafana_session=abc123' });
    expect(a.seen.filter((s) => s.path !== '/with-cookie').every((s) => s.cookie === undefined)).toBe(true);
  });

  it('an unreachable dashboard is reported with its network error', async () => {
    await frame(`${down}/`);
    expect(await statusFor(`${down}/`)).toMatchObject({ status: 'unreachable', reason: 'ERR_CONNECTION_REFUSED' });
  });

  it('a declared credential without a secret is a sign-in to renew, naming the credential', async () => {
    const url = `http://localhost:${new URL(b.origin).port}/plain`;
    await frame(url);
    expect(await statusFor(url)).toMatchObject({ status: 'sign-in-expired', reason: 'credential "other": not in web-credentials.json' });
    expect(notes).toEqual([]); // the file itself is fine: nothing to log
  });
});
