/**
 * The operator console in headless Chromium against a real in-process hub. The wall is a wall
 * connection speaking the protocol (a raw socket.io client in this process): it sends a thumbnail
 * on connect and a different one after each layout switch it applies, and reports the switch.
 * The console logs in, switches the layout (hub and wall switch), acknowledges an alert (the hub
 * records the operator's name) and shows the new thumbnail. Every wait is on a state; any console
 * error, page error or failed request fails the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchPageProblems } from '../support/page-problems.js';
import type { Browser, Page } from 'playwright-core';
import type { LayoutCommand } from '../../src/core/protocol/layout-commands.js';
import { SEVERITY_TERMS, alertStateName, sectorName, severityName } from '../../src/core/wall/vocabulary.js';
import { buildConsole } from '../../src/shell/build-console.js';
import { layout, tile } from '../support/fixtures.js';
import { TOKENS, api, nextEvent, rawWall, testHub, until, type RawWallSocket } from '../support/hub-fixtures.js';
import { decodePng, pixel } from '../support/png.js';
import { thumbnailPayload } from '../support/thumbnail-fixtures.js';
import { chromiumPath } from '../support/wall-browser.js';

type Hub = Awaited<ReturnType<typeof testHub>>;
type Rgb = [number, number, number];

/** What the wall window shows per layout: one colour each, so thumbnails differ visibly. */
const SHOWS: Record<string, Rgb> = { left: [220, 40, 40], right: [40, 200, 60] };

const LAYOUTS = [
  layout('left', [tile({ id: 'k', widget: 'kpi', cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }, title: 'Chỉ số', topics: ['test.kpi.value'] })]),
  layout('right', [tile({ id: 'k', widget: 'kpi', cell: { col: 1, row: 0, colSpan: 1, rowSpan: 1 }, title: 'Chỉ số', topics: ['test.kpi.value'] })]),
];

/** A wall window: shows `left` until told otherwise; thumbnail on connect and after every switch. */
function fakeWall(url: string): { socket: RawWallSocket; showing: () => string } {
  let showing = 'left';
  const socket = rawWall(url);
  const send = (): void => void socket.emit('thumbnail', thumbnailPayload(SHOWS[showing]!, { at: Date.now() }));
  socket.on('snapshot', (s) => {
    if (s.layout) showing = s.layout.layout;
    send();
  });
  socket.on('layout:switch', (cmd: LayoutCommand) => {
    showing = cmd.layout;
    socket.emit('layout:switched', { commandId: cmd.commandId, layout: cmd.layout, at: Math.max(cmd.at, Date.now()) });
    send();
  });
  return { socket, showing: () => showing };
}

describe('operator console (e2e)', () => {
  let hub: Hub;
  let browser: Browser;
  let page: Page;
  let wall: ReturnType<typeof fakeWall>;
  const problems: string[] = [];

  beforeAll(async () => {
    await buildConsole();
    hub = await testHub({ layouts: LAYOUTS, console: { thumbnailMinIntervalMs: 0 } });
    wall = fakeWall(hub.url);
    await nextEvent(wall.socket, 'snapshot');
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true });
    page = await browser.newPage();
    watchPageProblems(page, problems);
  });

  afterAll(async () => {
    await browser?.close();
    wall?.socket.close();
    await hub?.cleanup();
  });

  /** The thumbnail of the wall window as the console draws it (element screenshot, decoded). */
  async function shownThumbnail(): Promise<{ at: string; centre: number[] }> {
    const img = page.locator('article[data-node="node-1"][data-window="w1"] img');
    await img.waitFor({ state: 'visible' });
    const at = (await img.getAttribute('data-at')) ?? '';
    const png = decodePng(await img.screenshot());
    return { at, centre: pixel(png, Math.floor(png.width / 2), Math.floor(png.height / 2)) };
  }
  const near = (p: number[], c: Rgb): boolean => c.every((v, i) => Math.abs(v - p[i]!) <= 8);

  it('logs in with an operator token, which the tab keeps', async () => {
    await page.goto(`${hub.url}/console/`);
    await page.locator('body[data-state="login"]').waitFor();
    await page.fill('#token', TOKENS.integration);
    await page.click('#login-form button[type="submit"]');
    await expect.poll(() => page.textContent('#login-error')).toContain('integration');
    await page.fill('#token', TOKENS.operator);
    await page.click('#login-form button[type="submit"]');
    await page.locator('body[data-state="ready"]').waitFor();
    expect(await page.textContent('#who')).toBe('Nguyễn Thị Lan');
    await page.reload();
    await page.locator('body[data-state="ready"]').waitFor();
    await page.locator('#link[data-link="online"]').waitFor();
  });

  it('shows the layouts, the walls with their thumbnail, and switches the layout; hub and wall switch', async () => {
    await page.locator('#layouts button[data-layout="left"]').waitFor();
    await page.locator('#layouts button[data-layout="right"]').waitFor();
    const before = await shownThumbnail();
    expect(near(before.centre, SHOWS.left!), JSON.stringify(before)).toBe(true);
    expect(await page.textContent('article[data-window="w1"]')).toContain('đang kết nối');

    // Choosing a layout previews it; "Áp dụng" switches.
    await page.click('#layouts button[data-layout="right"]');
    await page.click('#preview-apply');
    await until(async () => (await api(hub.url, 'GET', '/api/layout', TOKENS.operator)).body.current?.layout === 'right', 'the hub to switch');
    await until(() => wall.showing() === 'right', 'the wall to switch');
    await page.locator('#current-layout[data-layout="right"]').waitFor();
    await page.locator('#layouts button[data-layout="right"][aria-pressed="true"]').waitFor();
    // The walls' reports reach the console: 1 of 1 windows switched.
    await expect.poll(() => page.textContent('#last-switch')).toMatch(/1\/1|đã nhận lệnh chuyển/);

    // The wall sent a new thumbnail after switching: the console shows it, and it differs.
    await page.locator(`article[data-window="w1"] img:not([data-at="${before.at}"])`).waitFor();
    const after = await shownThumbnail();
    expect(after.at).not.toBe(before.at);
    expect(near(after.centre, SHOWS.right!), JSON.stringify(after)).toBe(true);
    expect(after.centre).not.toEqual(before.centre);
  });

  it('lists alerts live as text and acknowledges one; the hub records the operator', async () => {
    const title = 'Mực nước sông <img src=x onerror=alert(1)> vượt báo động II';
    const raised = await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, { id: 'e2e-flood-1', severity: 'critical', sector: 'flood', area: 'Sông Gành Hào', title });
    expect(raised.status).toBe(201);
    const row = page.locator('#alerts li[data-alert-id="e2e-flood-1"]');
    await row.locator('[data-state="active"], button.ack').first().waitFor();
    expect(await row.locator('.alert-title').textContent()).toBe(title); // text, not markup
    expect(await row.locator('img').count()).toBe(0);
    // The console's words are the wall's: the one vocabulary in core.
    expect(await row.locator('.sev-name').textContent()).toBe(severityName('critical', 'vi'));
    expect(await row.locator('.sev-shape').textContent()).toBe(SEVERITY_TERMS.critical.glyph);
    expect(await row.locator('.alert-meta').textContent()).toContain(`${sectorName('flood', 'vi')} · `);
    expect(await row.locator('.alert-meta').textContent()).toContain(alertStateName('active', 'vi'));

    await row.locator('button.ack').click();
    // Acknowledging is confirmed in a dialog that names the alert (console-alarms.test.ts tests it in full).
    expect(await page.locator('#ack-dialog .ack-title').textContent()).toBe(title);
    await page.click('#ack-confirm');
    await page.locator('#alerts li[data-alert-id="e2e-flood-1"][data-state="acknowledged"]').waitFor();
    expect(await row.locator('.acked-by').textContent()).toContain('Nguyễn Thị Lan');
    const detail = await api(hub.url, 'GET', '/api/alerts/e2e-flood-1', TOKENS.operator);
    expect(detail.body.alert).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'Nguyễn Thị Lan' });
    expect(detail.body.audit.some((a: { action: string; actor: string }) => a.action === 'ack' && a.actor === 'Nguyễn Thị Lan')).toBe(true);

    // Cleared elsewhere: it leaves the console's list.
    expect((await api(hub.url, 'POST', '/api/alerts/e2e-flood-1/clear', TOKENS.integration, {})).status).toBe(200);
    await row.waitFor({ state: 'detached' });
  });

  it('had no console errors, page errors or failed requests', () => {
    expect(problems).toEqual([]);
  });
});
