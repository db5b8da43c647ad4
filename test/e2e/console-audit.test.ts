/**
 * The console's audit view in headless Chromium against a real in-process hub: an alert raised by
 * an integration and acknowledged by the operator over REST (another at a wall screen) appears in the audit view with who
 * and from where, the filters narrow the rows, and "Xuất CSV" downloads a file that holds the row.
 * A switch made from the console that a window refuses, and an acknowledgement confirmed in the
 * console's dialog with a comment, appear with the channel "bàn điều khiển", the failure marked in words.
 * Every wait is on a state; any console error, page error or failed request fails the test (but
 * the switch's own 409, which the second test expects and accounts for).
 */
import { randomUUID } from 'node:crypto';
import { watchPageProblems } from '../support/page-problems.js';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildConsole } from '../../src/shell/build-console.js';
import { layout, tile } from '../support/fixtures.js';
import { PROTOCOL_VERSION } from '../../src/core/protocol/protocol.js';
import { TOKENS, api, nextEvent, rawWall, testHub, until } from '../support/hub-fixtures.js';
import { chromiumPath } from '../support/wall-browser.js';

type Hub = Awaited<ReturnType<typeof testHub>>;

const LAYOUTS = [layout('left', [tile({ id: 'k', widget: 'kpi', cell: { col: 0, row: 0, colSpan: 1, rowSpan: 1 }, title: 'Chỉ số', topics: ['test.kpi.value'] })])];

describe('console audit view (e2e)', () => {
  let hub: Hub;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    await buildConsole();
    hub = await testHub({ layouts: LAYOUTS });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true });
    page = await browser.newPage({ acceptDownloads: true });
    watchPageProblems(page, problems);
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.cleanup();
  });

  it('shows an acknowledgement made over REST with who and from where, filters it and exports it as CSV', async () => {
    expect((await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, { id: 'audit-flood-1', severity: 'major', sector: 'flood', area: 'Sông Hậu', title: 'Triều cường' })).status).toBe(201);
    expect((await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, { id: 'audit-other-2', severity: 'minor', sector: 'traffic', area: 'Quận 1', title: 'Ùn tắc' })).status).toBe(201);
    expect((await api(hub.url, 'POST', '/api/alerts/audit-flood-1/ack', TOKENS.operator, {})).status).toBe(200);
    // The other is acknowledged at a wall screen: the row says which screen.
    const wall = rawWall(hub.url);
    await nextEvent(wall, 'snapshot');
    const atWall = await wall.timeout(5000).emitWithAck('ack', { ackId: randomUUID(), alertId: 'audit-other-2', operator: 'Lê Thị Hoa', screen: 'r1c2', at: Date.now() });
    wall.disconnect();
    expect(atWall).toMatchObject({ ok: true });

    await page.goto(`${hub.url}/console/`);
    await page.locator('body[data-state="login"]').waitFor();
    await page.fill('#token', TOKENS.operator);
    await page.click('#login-form button[type="submit"]');
    await page.locator('body[data-state="ready"]').waitFor();

    // Opening the section reads the trail: the ack row names the operator, the action in Vietnamese and where it came from.
    await page.click('#audit-section summary');
    const ack = page.locator('#audit-table tr[data-action="ack"]', { hasText: 'audit-flood-1' });
    await ack.waitFor();
    expect(await ack.locator('.audit-actor').textContent()).toBe('Nguyễn Thị Lan');
    expect(await ack.locator('.audit-via').textContent()).toBe('Nguyễn Thị Lan');
    expect(await ack.locator('.audit-action').textContent()).toBe('Xác nhận cảnh báo');
    expect(await ack.locator('.audit-source').textContent()).toBe('REST');
    expect(await ack.getAttribute('data-channel')).toBe('rest');
    expect(await ack.locator('.audit-role').textContent()).toBe('trực ban');
    expect(await ack.locator('.audit-alert').textContent()).toBe('audit-flood-1');
    expect(await ack.locator('.audit-at').textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}:\d{2}$/);
    const raises = page.locator('#audit-table tr[data-action="raise"]');
    expect(await raises.count()).toBe(2);
    expect(await raises.first().locator('.audit-source').textContent()).toBe('REST');
    const wallAck = page.locator('#audit-table tr[data-action="ack"]', { hasText: 'audit-other-2' });
    expect(await wallAck.locator('.audit-actor').textContent()).toBe('Lê Thị Hoa');
    expect(await wallAck.locator('.audit-source').textContent()).toBe('màn hình tường node-1/w1 · r1c2');
    expect(await wallAck.locator('.audit-via').textContent()).toBe('test-wall');

    // While open it follows the hub: a new alert's raise appears without a reload.
    expect((await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, { id: 'audit-live-3', severity: 'info', sector: 'flood', area: 'Cà Mau', title: 'Mưa' })).status).toBe(201);
    await page.locator('#audit-table tr[data-action="raise"]', { hasText: 'audit-live-3' }).waitFor();

    // Filters: by action, then by actor, then by alert id; each narrows the rows shown.
    await page.selectOption('#audit-action', 'ack');
    await expect.poll(() => page.locator('#audit-table tbody tr').count()).toBe(2);
    await page.selectOption('#audit-action', '');
    await page.fill('#audit-filter [name="actor"]', 'thuy-van');
    await expect.poll(() => page.locator('#audit-table tbody tr').count()).toBe(3);
    expect(await page.locator('#audit-table tr[data-action="ack"]').count()).toBe(0);
    await page.fill('#audit-filter [name="actor"]', '');
    await page.fill('#audit-filter [name="alertId"]', 'audit-flood-1');
    await expect.poll(() => page.locator('#audit-table tbody tr').count()).toBe(2);
    await page.selectOption('#audit-via', 'Nguyễn Thị Lan');
    await expect.poll(() => page.locator('#audit-table tbody tr').count()).toBe(1);
    expect(await page.textContent('#audit-count')).toBe('1 / 5 dòng');
    // A range that ends before everything shows nothing.
    await page.fill('#audit-filter [name="until"]', '2000-01-01T00:00');
    await page.locator('#audit-table p').waitFor();
    await page.fill('#audit-filter [name="until"]', '');
    await expect.poll(() => page.locator('#audit-table tbody tr').count()).toBe(1);

    // Export: the rows shown, as a CSV download that holds the ack row.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#audit-export')]);
    expect(download.suggestedFilename()).toMatch(/^wallrun-nhat-ky-.*\.csv$/);
    const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('Thời điểm,Thao tác,Người thực hiện,Vai trò,Nguồn,Cửa sổ · màn hình,Qua,Cảnh báo,Kết quả,Ghi chú,Chi tiết,Mã thao tác,Mã nguồn,Thời điểm (ms)');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',Xác nhận cảnh báo,Nguyễn Thị Lan,trực ban,REST,,Nguyễn Thị Lan,audit-flood-1,thành công,,');
    expect(lines[1]).toMatch(/,ack,rest,\d+$/);
  });

  it('shows a switch from the console that a window refused, and an ack\'s comment, from "bàn điều khiển"; filters by channel', async () => {
    for (const name of ['actor', 'alertId']) await page.fill(`#audit-filter [name="${name}"]`, '');
    await page.selectOption('#audit-via', '');
    // A two-phase window that cannot build the layout: the switch the console asks for is aborted.
    const identity = { node: 'node-2', window: 'w7', screens: ['r2c1'] };
    const wall = rawWall(hub.url, { token: TOKENS.wall, protocol: PROTOCOL_VERSION, identity, features: ['two-phase-switch'] });
    await nextEvent(wall, 'snapshot');
    wall.on('layout:prepare', (p: { switchId: string }) => wall.emit('layout:prepared', { switchId: p.switchId, ok: false, error: 'không dựng được bố cục' }));
    const seenProblems = problems.length;
    await page.click('#layouts button[data-layout="left"]');
    await page.click('#preview-apply'); // a layout button previews it on the wall canvas; "Áp dụng" switches
    await until(async () => (await api(hub.url, 'GET', '/api/audit?action=layout:failed', TOKENS.operator)).body.audit.length === 1, 'the aborted switch in the audit');
    wall.disconnect();
    // Acknowledged in the console's alarm list: confirmed in its dialog, with a comment (markup stays text).
    const comment = 'Đã gọi đội ứng cứu <b>phường 3</b>, chờ báo lại';
    await page.locator('#alerts > li[data-alert-id="audit-live-3"] button.ack').click();
    await page.locator('#ack-dialog').waitFor();
    await page.fill('#ack-comment', `  ${comment} `);
    await page.click('#ack-confirm');
    await page.locator('#alerts > li[data-alert-id="audit-live-3"][data-state="acknowledged"]').waitFor();

    const ack = page.locator('#audit-table tr[data-action="ack"]', { hasText: 'audit-live-3' });
    await ack.waitFor(); // the ack's broadcast makes the open view re-read, the switch's row with it
    expect(await ack.locator('.audit-source').textContent()).toBe('bàn điều khiển');
    expect(await ack.locator('.audit-comment').textContent()).toBe(comment);
    const failed = page.locator('#audit-table tr[data-action="layout:failed"]');
    expect(await failed.getAttribute('data-failed')).toBe('true');
    expect(await failed.getAttribute('data-channel')).toBe('console');
    expect(await failed.locator('.audit-action').textContent()).toBe('Chuyển bố cục không thành · Thất bại');
    expect(await failed.locator('.audit-source').textContent()).toBe('bàn điều khiển');
    expect(await failed.locator('.audit-actor').textContent()).toBe('Nguyễn Thị Lan');
    const detail = await failed.locator('.audit-detail').textContent();
    expect(detail).toContain('lỗi: Đã huỷ lần chuyển vì có cửa sổ không chuẩn bị được');
    expect(detail).toContain('cửa sổ không chuẩn bị được: node-2/w7: không dựng được bố cục');

    // The channel filter: only what came from the console.
    await page.selectOption('#audit-channel', 'console');
    await expect.poll(() => page.locator('#audit-table tbody tr').count()).toBe(2);
    expect(await page.locator('#audit-table tbody tr[data-channel="console"]').count()).toBe(2);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#audit-export')]);
    const lines = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`,Xác nhận cảnh báo,Nguyễn Thị Lan,trực ban,bàn điều khiển,,Nguyễn Thị Lan,audit-live-3,thành công,"${comment}",`);
    expect(lines[2]).toContain(',Chuyển bố cục không thành,Nguyễn Thị Lan,trực ban,bàn điều khiển,,Nguyễn Thị Lan,,thất bại,,');
    expect(lines[2]).toMatch(/,layout:failed,console,\d+$/);
    await page.selectOption('#audit-channel', '');

    // The refused switch's 409 is what this test asked for; nothing else went wrong.
    const added = problems.splice(seenProblems);
    expect(added.filter((p) => !/409/.test(p))).toEqual([]);
    expect(added).toContainEqual(expect.stringMatching(/^HTTP 409: .*\/api\/layout$/));
  });

  it('had no console errors, page errors or failed requests', () => {
    expect(problems).toEqual([]);
  });
});
