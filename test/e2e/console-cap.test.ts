/**
 * The console's CAP list in headless Chromium against a real hub: an Exercise message shows there,
 * marked as an exercise in words, and never among the alerts; an Actual warning posted while the
 * list is open appears in it (the list follows alert events) and among the alerts. Every wait is on
 * a state; any console error, page error or failed request fails the test.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsole } from '../../src/shell/build-console.js';
import { openConsole, type ConsoleSession } from '../support/console-page.js';
import { TOKENS, api, testHub } from '../support/hub-fixtures.js';

type Hub = Awaited<ReturnType<typeof testHub>>;
const fixture = (name: string): string => readFileSync(new URL(`../fixtures/cap/${name}`, import.meta.url), 'utf8');
const postCap = (hub: Hub, xml: string) => api(hub.url, 'POST', '/api/cap', TOKENS.integration, xml, { 'Content-Type': 'application/cap+xml' });

describe('console CAP list (e2e)', () => {
  let hub: Hub;
  let session: ConsoleSession;
  const problems: string[] = [];

  beforeAll(async () => {
    await buildConsole();
    hub = await testHub({ clock: () => Date.parse('2026-12-07T10:00:00+07:00') });
    session = await openConsole(hub.url, TOKENS.operator, { problems });
  });
  afterAll(async () => {
    await session?.browser.close();
    await hub?.cleanup();
  });

  it('lists an Exercise as an exercise, not as an alert; follows an Actual warning as it arrives', async () => {
    const { page } = session;
    expect((await postCap(hub, fixture('exercise.xml'))).body.action).toBe('stored');
    await page.click('#cap-section summary');
    const exercise = page.locator('#cap-messages tr[data-status="Exercise"]');
    await exercise.waitFor();
    const cells = await exercise.locator('td').allTextContents();
    expect(cells.slice(1)).toEqual([
      'Diễn tập', 'Alert', 'Extreme · DIỄN TẬP: sạt lở đất ở Khánh Vĩnh', 'Huyện Khánh Vĩnh', 'kttv-khanhhoa@vnmha.gov.vn',
      'Chỉ lưu, không lên tường (không phải tin thật)',
    ]);
    expect(await page.locator('#alerts li').count()).toBe(0);

    expect((await postCap(hub, fixture('alert.xml'))).body.action).toBe('created');
    const actual = page.locator('#cap-messages tr[data-status="Actual"]');
    await actual.waitFor();
    expect(await actual.locator('td').nth(6).textContent()).toBe('Đã phát cảnh báo');
    await page.locator('#alerts li', { hasText: 'Cảnh báo lũ trên sông Cái Nha Trang' }).waitFor();
    expect(problems).toEqual([]);
  });
});
