/**
 * The console's "Tự động" panel against a real hub (docs/console.md "Automation"): what runs now
 * and why, the next schedule entry in the wall's zone, an operator's hold with its end and
 * "Thôi giữ", and a flood takeover prompt confirmed and dismissed from the panel. The hub's clock
 * stands at Tuesday 8 December 2026, 16:50 in Hồ Chí Minh City: every time shown is fixed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { NO_AUTOMATION, type Automation } from '../../src/core/automation/model.js';
import type { ScheduleAnswer } from '../../src/core/protocol/automation.js';
import { buildConsole } from '../../src/shell/build-console.js';
import { openConsole } from '../support/console-page.js';
import { layout, tile } from '../support/fixtures.js';
import { TOKENS, api, testHub, until } from '../support/hub-fixtures.js';

const T0 = Date.parse('2026-12-08T16:50:00+07:00');
const kpi = (col: number) => tile({ id: 'k', widget: 'kpi', cell: { col, row: 0, colSpan: 1, rowSpan: 1 }, title: 'Chỉ số', topics: ['test.kpi.value'] });
const LAYOUTS = [
  layout('overview', [kpi(0)], { title: { vi: 'Tổng quan', en: 'Overview' } }),
  layout('flood', [kpi(0)], { title: { vi: 'Ngập lụt', en: 'Floods' } }),
];
const AUTOMATION: Automation = {
  ...NO_AUTOMATION,
  holdMinutes: 30,
  schedule: [{ id: 'bao-cao-17h', target: { layout: 'overview' }, at: '17:00', days: ['mon', 'tue', 'wed', 'thu', 'fri'] }],
  takeover: {
    minIntervalS: 60,
    rules: [{ id: 'lu-lut', priority: 10, match: { severity: ['critical'], sector: ['flood'] }, target: { layout: 'flood' }, mode: 'confirm', confirmTimeoutS: 120, returnOn: 'clear' }],
  },
};

describe('console: the "Tự động" panel (e2e)', () => {
  let hub: Awaited<ReturnType<typeof testHub>>;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const schedule = async (): Promise<ScheduleAnswer> => (await api(hub.url, 'GET', '/api/schedule', TOKENS.operator)).body as ScheduleAnswer;
  const text = (selector: string): Promise<string> => page.locator(selector).innerText();

  beforeAll(async () => {
    await buildConsole();
    hub = await testHub({ layouts: LAYOUTS, timezone: 'Asia/Ho_Chi_Minh', automation: AUTOMATION, clock: () => T0 });
    ({ browser, page } = await openConsole(hub.url, TOKENS.operator, { problems }));
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.cleanup();
  });

  it('shows the next entry at its local time, and an operator’s hold with its end', async () => {
    await page.locator('#automation-section:not([hidden])').waitFor();
    expect(await page.locator('#automation-section h2').textContent()).toBe('Tự động');
    expect(await page.locator('#automation-next li').allInnerTexts()).toEqual(['08/12 17:00 — Tổng quan (bao-cao-17h)', '09/12 17:00 — Tổng quan (bao-cao-17h)', '10/12 17:00 — Tổng quan (bao-cao-17h)', '11/12 17:00 — Tổng quan (bao-cao-17h)', '14/12 17:00 — Tổng quan (bao-cao-17h)', '15/12 17:00 — Tổng quan (bao-cao-17h)', '16/12 17:00 — Tổng quan (bao-cao-17h)', '17/12 17:00 — Tổng quan (bao-cao-17h)', '18/12 17:00 — Tổng quan (bao-cao-17h)', '21/12 17:00 — Tổng quan (bao-cao-17h)']);

    expect((await api(hub.url, 'POST', '/api/layout', TOKENS.operator, { layout: 'flood' })).status).toBe(202);
    // automation:changed makes the page re-read GET /api/schedule.
    await page.locator('#automation-now[data-source="hold"]').waitFor();
    expect(await text('#automation-now')).toMatch(/^Giữ của người vận hành: Ngập lụt \(.+ chuyển tay, từ 16:50\)$/);
    expect(await text('#automation-hold span')).toMatch(/^Giữ Ngập lụt \(.+ chuyển tay lúc 16:50\) đến 17:20; lịch và luân phiên chờ$/);
    expect((await schedule()).hold).toMatchObject({ target: { layout: 'flood' }, until: T0 + 30 * 60_000 });
  });

  it('releases the hold with "Thôi giữ": the hub drops it, the panel says what the schedule runs', async () => {
    await page.click('#hold-release');
    await page.locator('#automation-now:not([data-source="hold"])').waitFor();
    expect(await page.locator('#automation-hold').count()).toBe(0);
    expect((await schedule()).hold).toBeNull();
    expect(await text('#status')).toBe('Đã thôi giữ: lịch và luân phiên chạy lại.');
    const audit = (await api(hub.url, 'GET', '/api/audit?action=hold:release', TOKENS.operator)).body.audit as { action: string; channel: string }[];
    expect(audit.map((e) => [e.action, e.channel])).toEqual([['hold:release', 'console']]);
  });

  it('asks to confirm a flood takeover; "Bỏ qua" drops it, "Xác nhận" takes the wall', async () => {
    const raise = (id: string) => api(hub.url, 'POST', '/api/alerts', TOKENS.integration, { id, severity: 'critical', sector: 'flood', area: 'Sông Gành Hào', title: 'Triều cường vượt báo động III' });
    expect((await raise('trieu-1')).status).toBe(201);
    const prompt = page.locator('#automation-prompts li[data-prompt]');
    await prompt.waitFor();
    expect(await prompt.locator('span').innerText()).toBe('▲ Khẩn cấp: Triều cường vượt báo động III — đề xuất chuyển sang Ngập lụt (quy tắc "lu-lut"); không ai xác nhận thì bỏ lúc 16:52');
    await prompt.locator('button[data-action="dismiss"]').click();
    await until(async () => (await schedule()).prompts.length === 0, 'the prompt dismissed');
    await page.locator('#automation-prompts').waitFor({ state: 'detached' });
    expect((await schedule()).now.source).not.toBe('takeover');

    expect((await raise('trieu-2')).status).toBe(201);
    await prompt.waitFor();
    await prompt.locator('button[data-action="confirm"]').click();
    await page.locator('#automation-now[data-source="takeover"]').waitFor();
    expect(await text('#automation-now')).toBe('Tiếp quản do cảnh báo: Ngập lụt (quy tắc "lu-lut", từ 16:50)');
    expect(await page.locator('#automation-takeovers li').allInnerTexts()).toEqual(['Quy tắc "lu-lut": Ngập lụt từ 16:50, trở lại khi cảnh báo đã xử lý']);
    expect(problems).toEqual([]);
  });

  it('speaks English with ?lang=en', async () => {
    const en = await openConsole(hub.url, TOKENS.operator, { problems, query: '?lang=en' });
    try {
      await en.page.locator('#automation-now[data-source="takeover"]').waitFor();
      expect(await en.page.locator('#automation-section h2').textContent()).toBe('Automation');
      expect(await en.page.locator('#automation-now').innerText()).toBe('Alert takeover: Floods (rule "lu-lut", since 16:50)');
      expect(await en.page.locator('#automation-takeovers li').allInnerTexts()).toEqual(['Rule "lu-lut": Floods since 16:50, returns when the alert is resolved']);
      expect(problems).toEqual([]);
    } finally {
      await en.browser.close();
    }
  });
});
