/**
 * The console's replay (issue 21, docs/timeline.md "Replay") against a real in-process hub: after a
 * scripted incident (a critical flood alert raised, the takeover rule switching the wall to the flood
 * layout, an acknowledgement, a clear) while a wall window sent its picture, "Xem lại" on the alert
 * opens the wall as it was at the raise (the window's picture on its screens, the alert open and not
 * yet acknowledged, the raise marked among the events); a later moment shows the layout the takeover
 * switched to and the alert acknowledged; after the clear, nothing open and the takeover's return. States only, no sleeps; page problems fail the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { wallIdentity } from '../../src/core/page/hub-config.js';
import { buildConsole } from '../../src/shell/build-console.js';
import { NO_AUTOMATION, type Automation } from '../../src/core/automation/model.js';
import { PROTOCOL_VERSION } from '../../src/core/protocol/protocol.js';
import { layout, tile, twoScreenWall, windowFor } from '../support/fixtures.js';
import { TOKENS, api, nextEvent, rawWall, testHub, until } from '../support/hub-fixtures.js';
import { thumbnailPayload } from '../support/thumbnail-fixtures.js';
import { decodePng, pixel } from '../support/png.js';
import { openConsole } from '../support/console-page.js';

type Hub = Awaited<ReturnType<typeof testHub>>;
const kpi = (col: number) => tile({ id: 'k', widget: 'kpi', cell: { col, row: 0, colSpan: 1, rowSpan: 1 }, title: 'Chỉ số', topics: ['test.kpi.value'] });
const LAYOUTS = [layout('left', [kpi(0)]), layout('right', [kpi(1)])];
const AUTOMATION: Automation = {
  ...NO_AUTOMATION,
  takeover: {
    minIntervalS: 60,
    rules: [{ id: 'ngap-khan-cap', priority: 10, match: { severity: ['critical'], sector: ['flood'] }, target: { layout: 'right' }, mode: 'auto', confirmTimeoutS: 120, returnOn: 'clear' }],
  },
};
const WALL = twoScreenWall();

describe('console replay (e2e)', () => {
  let hub: Hub;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const identity = wallIdentity(windowFor(WALL));

  beforeAll(async () => {
    await buildConsole();
    hub = await testHub({ wall: WALL, layouts: LAYOUTS, automation: AUTOMATION, timelineEveryMs: 100, timeline: { thumbnailsEveryS: 1 }, console: { thumbnailMinIntervalMs: 0 } });
    // A window of the wall: connected, its picture a solid green over both screens.
    const w = rawWall(hub.url, { token: TOKENS.wall, protocol: PROTOCOL_VERSION, identity });
    await nextEvent(w, 'snapshot');
    w.emit('thumbnail', thumbnailPayload([20, 180, 60], { window: identity.window, screens: identity.screens, width: 64, height: 18 }));
    await until(async () => (await api(hub.url, 'GET', `/api/timeline?from=${Date.now() - 60_000}&to=${Date.now()}&kind=thumbnail`, TOKENS.operator)).body.events.length > 0, 'the picture kept');
    expect((await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, { id: 'ngap-1', severity: 'critical', sector: 'flood', area: 'Phường 5', title: 'Ngập sâu đường Trần Hưng Đạo' })).status).toBe(201);
    // The takeover rule switches the wall to the flood layout ("right"), then the operator acknowledges.
    await until(async () => (await api(hub.url, 'GET', `/api/timeline?from=${Date.now() - 60_000}&to=${Date.now()}&kind=automation`, TOKENS.operator)).body.events.some((e: { what: string }) => e.what === 'takeover'), 'the takeover on the timeline');
    expect((await api(hub.url, 'POST', '/api/alerts/ngap-1/ack', TOKENS.operator, {})).status).toBe(200);
    await until(async () => (await api(hub.url, 'GET', `/api/timeline?from=${Date.now() - 60_000}&to=${Date.now()}&kind=ack`, TOKENS.operator)).body.events.length > 0, 'the ack on the timeline');
    ({ browser, page } = await openConsole(hub.url, TOKENS.operator, { problems, viewport: { width: 1280, height: 900 } }));
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.cleanup();
  });

  it('opens the wall as it was at an alert’s raise, then at later moments', async () => {
    await page.click('#alerts button[data-replay="ngap-1"]');
    // At the raise: the alert open, not yet acknowledged; the raise is the moment marked.
    await page.locator('#replay-alerts li[data-alert-id="ngap-1"][data-state="active"]').waitFor();
    expect(await page.locator('#replay-events li[aria-current="time"]').getAttribute('data-what')).toBe('raised');
    // The window's picture on both its screens.
    for (const id of identity.screens) {
      const screen = page.locator(`#replay-canvas .screen[data-screen="${id}"]`);
      await until(async () => Number(await screen.getAttribute('data-at')) > 0, `a picture on ${id}`);
      const png = decodePng(await screen.locator('canvas').screenshot());
      const [r, g, b] = pixel(png, Math.floor(png.width / 2), Math.floor(png.height / 2));
      expect([r, g, b].every((v, i) => Math.abs(v - [20, 180, 60][i]!) <= 6), `${id}: ${r},${g},${b}`).toBe(true);
    }

    // A minute on (clamped to now): switched to "right", the alert acknowledged.
    await page.click('#replay button[data-step="60000"]');
    await page.locator('#replay-alerts li[data-alert-id="ngap-1"][data-state="acknowledged"]').waitFor();
    expect(await page.locator('#replay-line').getAttribute('data-layout')).toBe('right');
    const events = await page.locator('#replay-events li').evaluateAll((els) => els.map((e) => e.getAttribute('data-what')));
    expect(events).toEqual(expect.arrayContaining(['raised', 'takeover', 'switched', 'acknowledged']));

    // Cleared: the same moment, asked again after the clear, shows nothing open.
    expect((await api(hub.url, 'POST', '/api/alerts/ngap-1/clear', TOKENS.integration, {})).status).toBe(200);
    await until(async () => (await api(hub.url, 'GET', `/api/timeline?from=${Date.now() - 60_000}&to=${Date.now()}&kind=alert`, TOKENS.operator)).body.events.some((e: { what: string }) => e.what === 'cleared'), 'the clear on the timeline');
    await page.click('#replay button[data-step="60000"]');
    await page.locator('#replay-alerts li.empty').waitFor();
    await page.locator('#replay-events li[data-what="cleared"]').waitFor();
    expect(problems).toEqual([]);
  });
});
