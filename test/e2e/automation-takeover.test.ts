/**
 * Alert takeover on real wall pages (docs/automation.md "Takeover"): three windows, each connected
 * to a real hub by the page's own session, as on a wall PC. A critical flood alert over REST brings
 * the flood layout up on every window through the two-phase switch, audited with the rule's id;
 * acknowledging it returns every window to the layout before. A confirm rule shows its banner on
 * every window (drawn as text, in Vietnamese), switches nothing until an operator confirms over
 * REST, then switches, and the banner goes. Waits on the pages' states, never sleeps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_AUTOMATION, type Automation } from '../../src/core/automation/model.js';
import type { TakeoverPrompt } from '../../src/core/protocol/automation.js';
import type { Layout } from '../../src/core/wall/model.js';
import { makeWall } from '../support/wall-fixtures.js';
import { TOKENS, api, until } from '../support/hub-fixtures.js';
import { RestartableHub, waitForHub, withHub } from '../support/hub-wall.js';
import { layout, pageConfig, tile, windowFor } from '../support/fixtures.js';
import { WallBrowser, waitForState, type WallWindow } from '../support/wall-browser.js';

const S = 0.1;
const wall = makeWall({ columns: 3, rows: 1, windowMode: 'per-display' });
const windows = ['r1c1', 'r1c2', 'r1c3'].map((s) => windowFor(wall, 'node-1', s));
const textLayout = (id: string, vi: string): Layout =>
  layout(
    id,
    wall.screens.map((s) => tile({ id: `t-${s.id}`, widget: 'text', rect: { x: 1926 * s.cell!.col + 3, y: 3, width: 1920, height: 1080 }, props: { text: `${id} ${s.id}`, fontSizePx: 300 } })),
    { title: { vi, en: id } },
  );
const LAYOUTS = [textLayout('thuong-truc', 'Thường trực'), textLayout('ngap-lut', 'Ngập lụt'), textLayout('chay-no', 'Cháy nổ')];
const AUTOMATION: Automation = {
  ...NO_AUTOMATION,
  takeover: {
    minIntervalS: 60,
    rules: [
      { id: 'lu-khan-cap', priority: 10, match: { severity: ['critical'], sector: ['flood'] }, target: { layout: 'ngap-lut' }, mode: 'auto', confirmTimeoutS: 120, returnOn: 'ack' },
      { id: 'chay-xac-nhan', priority: 5, match: { sector: ['security'] }, target: { layout: 'chay-no' }, mode: 'confirm', confirmTimeoutS: 120, returnOn: 'clear' },
    ],
  },
};

describe('alert takeover on real wall pages', () => {
  let browser: WallBrowser;
  let hub: RestartableHub;
  let wins: WallWindow[];

  beforeAll(async () => {
    hub = new RestartableHub({ layouts: LAYOUTS, automation: AUTOMATION, prepareTimeoutMs: 20_000 });
    await hub.start();
    browser = await WallBrowser.start();
    wins = await Promise.all(windows.map((w) => browser.open(withHub(pageConfig({ wall, layouts: LAYOUTS, window: w, scale: S, initialLayout: 'ngap-lut' }), hub.url))));
    for (const w of wins) await waitForHub(w, (h) => h.connection === 'connected' && h.snapshots >= 1 && h.clockOffsetMs !== null, 'connected');
    const first = await api(hub.url, 'POST', '/api/layout', TOKENS.operator, { layout: 'thuong-truc' });
    expect(first.status, JSON.stringify(first.body)).toBe(202);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.cleanup();
  });

  const showing = (id: string) => Promise.all(wins.map((w) => waitForState(w, (s) => s.layout === id && !s.switching && s.hub!.lastSwitch?.layout === id, undefined, 20_000)));

  it('brings the flood layout up on every window for a critical flood alert, recorded with the rule id, and returns on ack', async () => {
    await showing('thuong-truc');
    const raised = await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, { id: 'lu-e2e', severity: 'critical', sector: 'flood', area: 'Cà Mau', title: 'Vỡ đê bao' });
    expect(raised.status).toBe(201);
    await showing('ngap-lut');
    const walls = (await api(hub.url, 'GET', '/api/walls', TOKENS.operator)).body;
    expect(walls.lastSwitch).toMatchObject({ layout: 'ngap-lut', state: 'committed', failed: [] });
    expect(walls.lastSwitch.windows.map((w: { prepare: string }) => w.prepare)).toEqual(['ok', 'ok', 'ok']);
    const audit = (await api(hub.url, 'GET', '/api/audit?channel=rule', TOKENS.operator)).body.audit;
    expect(audit.map((a: { action: string; via: string }) => [a.action, a.via])).toEqual([['layout', 'lu-khan-cap'], ['takeover', 'lu-khan-cap']]);

    expect((await api(hub.url, 'POST', '/api/alerts/lu-e2e/ack', TOKENS.operator, {})).status).toBe(200);
    await showing('thuong-truc');
    const back = (await api(hub.url, 'GET', '/api/audit?action=takeover:return', TOKENS.operator)).body.audit;
    expect(back).toEqual([expect.objectContaining({ via: 'lu-khan-cap', alertId: 'lu-e2e', detail: expect.objectContaining({ target: { layout: 'thuong-truc' } }) })]);
  }, 60_000);

  it('shows a confirm rule\'s banner on every window and switches only after an operator confirms', async () => {
    await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, { id: 'chay-e2e', severity: 'major', sector: 'security', area: 'Phường 5', title: 'Cháy kho hàng' });
    const banners = await Promise.all(wins.map((w) => waitForHub(w, (h) => h.takeoverBanner !== '', 'the prompt banner')));
    for (const b of banners) expect(b.takeoverBanner).toBe('Đề xuất chuyển sang Cháy nổ: xác nhận trên bàn điều khiển · Cháy kho hàng');
    const prompts = (await api(hub.url, 'GET', '/api/schedule', TOKENS.operator)).body.prompts as TakeoverPrompt[];
    expect(prompts).toHaveLength(1);
    expect((await api(hub.url, 'GET', '/api/layout', TOKENS.operator)).body.current.layout).toBe('thuong-truc'); // nothing switched yet

    expect((await api(hub.url, 'POST', `/api/prompts/${prompts[0]!.id}/confirm`, TOKENS.operator)).status).toBe(202);
    await showing('chay-no');
    await Promise.all(wins.map((w) => waitForHub(w, (h) => h.takeoverBanner === '', 'the banner to go')));
    await until(async () => (await api(hub.url, 'GET', '/api/audit?action=takeover', TOKENS.operator)).body.audit.some((a: { via: string }) => a.via === 'chay-xac-nhan'), 'the takeover audited');
  }, 60_000);
});
