/**
 * Switches that tell the truth (issue 13): the console, in headless Chromium against an in-process
 * hub with three two-phase wall windows speaking the protocol from this process. With one window
 * disconnected, a switch reads "2/3" and never "done"; a switch asked while another is being
 * prepared waits in the hub's queue and goes out after it; an abort gives its reason in Vietnamese. Waits on states.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { LayoutCommand } from '../../src/core/protocol/layout-commands.js';
import { PROTOCOL_VERSION } from '../../src/core/protocol/protocol.js';
import { buildConsole } from '../../src/shell/build-console.js';
import { layout, tile } from '../support/fixtures.js';
import { TOKENS, api, nextEvent, rawWall, testHub, until, type RawWallSocket } from '../support/hub-fixtures.js';
import { openConsole } from '../support/console-page.js';

type Hub = Awaited<ReturnType<typeof testHub>>;

const TITLES: Record<string, string> = { left: 'Tổng quan', right: 'Ngập lụt', flood: 'Giao thông' };
const LAYOUTS = Object.entries(TITLES).map(([id, vi]) =>
  layout(id, [tile({ id: 'k', widget: 'kpi', cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }, title: 'Chỉ số', topics: ['test.kpi.value'] })], { title: { vi, en: id } }),
);

/** How a window answers `layout:prepare`: at once ok, held until released, or refused. */
type Answer = { ok: true } | { ok: false; error: string } | { hold: Promise<void> };

/** A two-phase wall window: answers prepares as told, reports every commit it applies. */
function window2(url: string, window: string): { socket: RawWallSocket; answer: (a: Answer) => void } {
  let next: Answer = { ok: true };
  const socket = rawWall(url, { token: TOKENS.wall, protocol: PROTOCOL_VERSION, identity: { node: 'node-1', window, screens: [`s-${window}`] }, features: ['two-phase-switch'] });
  socket.on('layout:prepare', async (p: { switchId: string }) => {
    const a = next;
    next = { ok: true };
    if ('hold' in a) await a.hold;
    socket.emit('layout:prepared', { switchId: p.switchId, ...('hold' in a ? { ok: true } : a) });
  });
  socket.on('layout:switch', (cmd: LayoutCommand) => socket.emit('layout:switched', { commandId: cmd.commandId, layout: cmd.layout, at: Math.max(cmd.at, Date.now()) }));
  return { socket, answer: (a) => (next = a) };
}

describe('console: switches that tell the truth (e2e)', () => {
  let hub: Hub;
  let browser: Browser;
  let page: Page;
  const walls: ReturnType<typeof window2>[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    await buildConsole();
    hub = await testHub({ layouts: LAYOUTS, console: { thumbnailMinIntervalMs: 0 } });
    for (const id of ['w1', 'w2', 'w3']) {
      const w = window2(hub.url, id);
      await nextEvent(w.socket, 'snapshot');
      walls.push(w);
    }
    ({ browser, page } = await openConsole(hub.url, TOKENS.operator, { problems }));
  });

  afterAll(async () => {
    await browser?.close();
    for (const w of walls) w.socket.close();
    await hub?.cleanup();
  });

  const lastSwitch = async (): Promise<{ phase: string; done: string; total: string; text: string }> => {
    const el = page.locator('#last-switch');
    return { phase: (await el.getAttribute('data-phase')) ?? '', done: (await el.getAttribute('data-done')) ?? '', total: (await el.getAttribute('data-total')) ?? '', text: (await el.textContent()) ?? '' };
  };

  it('with a window disconnected, a switch reads 2 of 3 windows and never done', async () => {
    walls[2]!.socket.close();
    await until(async () => ((await api(hub.url, 'GET', '/api/walls', TOKENS.operator)).body.walls.filter((w: { connected: boolean }) => !w.connected).length === 1 ? true : undefined), 'the hub to see w3 gone');
    await page.locator('article[data-window="w3"][data-connected="false"]').waitFor();
    await page.click('#layouts button[data-layout="right"]');
    await page.click('#preview-apply'); // a layout button previews it on the wall canvas; "Áp dụng" switches
    await until(async () => ((await lastSwitch()).done === '2' ? true : undefined), 'both connected windows to report the switch');
    const line = await lastSwitch();
    expect(line).toMatchObject({ phase: 'partial', done: '2', total: '3' });
    expect(line.text).toContain('lần chuyển gần nhất: Ngập lụt');
    expect(line.text).toContain('đã chuyển trên 2/3 cửa sổ');
    expect(line.text).toContain('node-1/w3: mất kết nối, chưa nhận lệnh');
    expect(line.text).not.toMatch(/cả 3\/3/);
    // The status line tells what the hub did (the command went out), not that the wall is done.
    expect(await page.textContent('#status')).toMatch(/^Đã gửi lệnh chuyển sang bố cục Ngập lụt: các cửa sổ chuyển lúc \d\d:\d\d:\d\d\.$/);
  });

  it('waits in the hub\'s queue while another switch prepares, then goes out (never switch-busy)', async () => {
    let release!: () => void;
    walls[0]!.answer({ hold: new Promise<void>((r) => (release = r)) });
    const other = api(hub.url, 'POST', '/api/layout', TOKENS.operator, { layout: 'flood' }); // held at w1's prepare
    await until(async () => ((await api(hub.url, 'GET', '/api/walls', TOKENS.operator)).body.lastSwitch?.state === 'preparing' ? true : undefined), 'the other switch to be preparing');
    await page.click('#layouts button[data-layout="left"]');
    await page.click('#preview-apply'); // a layout button previews it on the wall canvas; "Áp dụng" switches
    const queue = await until(async () => {
      const q = (await api(hub.url, 'GET', '/api/schedule', TOKENS.operator)).body.queue as { target: { layout: string }; source: string }[];
      return q.length === 1 ? q : undefined;
    }, "the console's switch to be queued");
    expect(queue[0]).toMatchObject({ target: { layout: 'left' }, source: 'operator' });
    expect(await page.textContent('#status')).toMatch(/^Đang chuẩn bị/);
    release();
    expect((await other).status).toBe(202);
    await until(async () => ((await page.textContent('#status'))?.startsWith('Đã gửi lệnh chuyển sang bố cục Tổng quan') ? true : undefined), 'the queued switch to go out');
    expect(await page.textContent('#status')).not.toContain('thử lại');
    expect((await api(hub.url, 'GET', '/api/layout', TOKENS.operator)).body.current.layout).toBe('left');
    const audit = (await api(hub.url, 'GET', '/api/audit', TOKENS.operator)).body.audit as { action: string; detail: { layout?: string } }[];
    expect(audit.filter((a) => a.action === 'layout').map((a) => a.detail.layout).slice(0, 2)).toEqual(['left', 'flood']);
    expect(audit.filter((a) => a.action === 'layout:failed')).toEqual([]);
  });

  it("gives an abort's reason in Vietnamese, window by window, and the wall keeps its layout", async () => {
    walls[1]!.answer({ ok: false, error: 'cannot build layout "right" here' });
    await page.click('#layouts button[data-layout="right"]');
    await page.click('#preview-apply'); // a layout button previews it on the wall canvas; "Áp dụng" switches
    await until(async () => ((await page.textContent('#status'))?.startsWith('Không chuyển được') ? true : undefined), 'the console to report the abort');
    expect(await page.textContent('#status')).toBe('Không chuyển được sang bố cục Ngập lụt: không chuyển được, tường giữ bố cục cũ; node-1/w2: cửa sổ không dựng được bố cục này');
    expect((await lastSwitch()).phase).toBe('failed');
    expect((await api(hub.url, 'GET', '/api/layout', TOKENS.operator)).body.current.layout).toBe('left');
  });

  it('had no console errors, page errors or failed requests', () => {
    // The refusals above are answers the console handles (409), not failures of the page.
    expect(problems.filter((p) => !/409/.test(p))).toEqual([]);
  });
});
