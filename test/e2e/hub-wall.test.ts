/**
 * The wall against a real hub (in process, restartable on its port): an alert raised over REST
 * reaches the ticker and the alert list; it is acknowledged on the wall (touch, PIN on the
 * keypad) and the hub, its audit trail and a second window agree; with the hub down the badge says
 * so, tiles go stale, an acknowledgement made with the keyboard survives a page reload in local
 * storage and is delivered when the hub is back, and the reconnect's snapshot leaves no tile stale.
 * Small windows (scale 0.25), few tiles: the suite runs on two cores.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeWall } from '../support/wall-fixtures.js';
import { api, TOKENS, TOKEN_SPECS, until } from '../support/hub-fixtures.js';
import { OPERATORS, RestartableHub, pagePoint, tapTarget, waitForHub, withHub } from '../support/hub-wall.js';
import { THEME, layout, pageConfig, tile, windowFor } from '../support/fixtures.js';
import { pixel, rgb, type Image } from '../support/png.js';
import { WallBrowser, capture, debugState, waitForState, type WallWindow } from '../support/wall-browser.js';

const S = 0.25;
const TOPIC = 'flood.water-level.song-ganh-hao';
/** 2 × 1 wall, one window per screen: node-1/w0 shows r1c1, node-1/w1 shows r1c2. */
const wall = makeWall({ columns: 2, rows: 1, windowMode: 'per-display' });
const w0 = windowFor(wall, 'node-1', 'r1c1');
const w1 = windowFor(wall, 'node-1', 'r1c2');
const LIST = { x: 3, y: 3, width: 1100, height: 800 };
const TICKER = { x: 3, y: 900, width: 3846, height: 120 };
const live = layout('live', [
  tile({ id: 'list', widget: 'alert-list', rect: LIST, props: { fontSizePx: 48 } }),
  tile({ id: 'level', widget: 'kpi', rect: { x: 1150, y: 3, width: 770, height: 400 }, topics: [TOPIC], freshness: { maxAgeS: 3 }, props: { unit: 'm', decimals: 2 } }),
  tile({ id: 'ticker', widget: 'ticker', rect: TICKER, props: { speedPxPerS: 120, fontSizePx: 60 } }),
  tile({ id: 'level-2', widget: 'kpi', rect: { x: 1929, y: 3, width: 900, height: 400 }, topics: [TOPIC], props: { unit: 'm', decimals: 2 } }),
]);

const raise = (hub: RestartableHub, id: string) =>
  api(hub.url, 'POST', '/api/alerts', TOKENS.integration, { id, severity: 'critical', sector: 'flood', area: 'TP. Cà Mau', title: 'Ngập sâu 40 cm tại đường Lý Thường Kiệt' });
const publish = (hub: RestartableHub, value: number) => api(hub.url, 'POST', '/api/data', TOKENS.integration, { updates: [{ topic: TOPIC, value }] });

/** Share of sampled pixels inside `r` (wall px) that differ between two captures of `window`. */
function changed(a: Image, b: Image, window: typeof w0, r: { x: number; y: number; width: number; height: number }): number {
  const s = window.screens[0]!.wallRect;
  const x0 = Math.max(r.x, s.x);
  const x1 = Math.min(r.x + r.width, s.x + s.width);
  let n = 0;
  let total = 0;
  for (let y = r.y; y < r.y + r.height; y += 8) {
    for (let x = x0; x < x1; x += 8) {
      const p = pagePoint(window, S, { x, y });
      total++;
      if (pixel(a, Math.floor(p.x), Math.floor(p.y)).some((v, i) => Math.abs(v - pixel(b, Math.floor(p.x), Math.floor(p.y))[i]!) > 16)) n++;
    }
  }
  return n / total;
}

/**
 * Page pixels of the ticker in `window` brighter than anything "No active alerts" draws (muted
 * text on the surface colour, no channel above 181): an alert's title (text colour) or its
 * severity mark (critical red). The ticker scrolls with the wall clock (its phase is not ours to
 * choose), so callers add both windows' counts: the single alert's line is always somewhere on
 * the 3,846 px tile.
 */
function tickerInk(img: Image, window: typeof w0): number {
  const s = window.screens[0]!.wallRect;
  const top = pagePoint(window, S, { x: Math.max(TICKER.x, s.x), y: TICKER.y });
  const bottom = pagePoint(window, S, { x: Math.min(TICKER.x + TICKER.width, s.x + s.width) - 1, y: TICKER.y + TICKER.height - 1 });
  const muted = Math.max(...rgb(THEME.colors.textMuted));
  let n = 0;
  for (let y = Math.ceil(top.y); y <= Math.floor(bottom.y); y++) {
    for (let x = Math.ceil(top.x); x <= Math.floor(bottom.x); x++) if (Math.max(...pixel(img, x, y).slice(0, 3)) > muted + 20) n++;
  }
  return n;
}

/** Operator and editor tokens are in the walls' operator directory beside operators.json's people. */
const STAFF_TOKENS = TOKEN_SPECS.filter((t) => t.role === 'operator' || t.role === 'editor').length;

describe('wall and hub', () => {
  let browser: WallBrowser;
  let hub: RestartableHub;
  beforeAll(async () => {
    browser = await WallBrowser.start();
  });
  beforeEach(async () => {
    hub = new RestartableHub();
    await hub.start();
  });
  afterEach(async () => {
    await browser?.closeWindows({ allowHttp: true }); // WebSockets to a stopped hub fail, as they should
    await hub?.cleanup();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows a REST-raised alert on ticker and list; a PIN on the keypad acknowledges it for the hub and every window', async () => {
    await publish(hub, 1.04);
    const a = await browser.open(withHub(pageConfig({ wall, layouts: [live], window: w0, scale: S }), hub.url, { escalateAfterS: 1 }));
    const b = await browser.open(withHub(pageConfig({ wall, layouts: [live], window: w1, scale: S }), hub.url));
    for (const w of [a, b]) await waitForHub(w, (h) => h.connection === 'connected' && h.badge.kind === 'connected' && h.snapshots >= 1 && h.operators === OPERATORS.length + STAFF_TOKENS, 'connected');
    // The window's CSP names its hub; any other server is refused.
    const blocked = await a.page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve(`${e.effectiveDirective} ${e.blockedURI}`), { once: true });
          new WebSocket('ws://127.0.0.1:9/elsewhere');
        }),
    );
    expect(blocked).toMatch(/^connect-src ws:\/\/127\.0\.0\.1:9/);
    a.errors.splice(0, a.errors.length, ...a.errors.filter((e) => !/Content Security Policy|127\.0\.0\.1:9/.test(e)));
    const before = await capture(a);
    const beforeB = await capture(b);
    expect(tickerInk(before, w0) + tickerInk(beforeB, w1)).toBe(0);
    const listUpdates = (await debugState(a)).tiles.find((t) => t.id === 'list')!.updates;

    // (a) raised over REST → on the ticker and the alert list, in the scene state and in pixels.
    expect((await raise(hub, 'ngap-ltk')).status).toBe(201);
    await waitForState(a, (s, n) => s.hub!.alerts.some((x) => x.id === 'ngap-ltk') && s.tiles.find((t) => t.id === 'list')!.updates > n, listUpdates);
    await waitForHub(b, (h) => h.alerts.some((x) => x.id === 'ngap-ltk' && x.state === 'active'), 'second window has the alert');
    await waitForState(b, (s) => s.hub!.alerts.length === 1 && s.tiles.find((t) => t.id === 'ticker')!.updates >= 2);
    const after = await capture(a);
    expect(changed(before, after, w0, LIST)).toBeGreaterThan(0.02);
    // The ticker's line scrolls from the right edge: at the first frames the new text may only just
    // have entered (or sit behind the bezel between the windows). Wait until its ink shows.
    const ink = await until(async () => {
      const n = tickerInk(await capture(a), w0) + tickerInk(await capture(b), w1);
      return n > 30 ? n : null;
    }, 'the alert on the ticker', 15_000, 100);
    expect(ink).toBeGreaterThan(30);
    // Critical and unacknowledged past escalateAfterS: it blinks and would beep (sound is off here).
    await waitForHub(a, (h) => h.alerts[0]?.escalated === true && h.beeps >= 1, 'escalated');

    // (b) touch the row, then Acknowledge, then a wrong PIN and the right one on the keypad.
    const row = pagePoint(w0, S, { x: LIST.x + 200, y: LIST.y + 40 });
    await a.page.mouse.click(row.x, row.y);
    await tapTarget(a, w0, S, 'ack-button');
    await waitForHub(a, (h) => h.dialog?.alertId === 'ngap-ltk' && h.dialog.screen === 'r1c1', 'dialog open');
    for (const k of ['0', '0', '0', '0', 'ok']) await tapTarget(a, w0, S, `key-${k}`);
    await waitForHub(a, (h) => h.dialog?.error === 'wrong', 'wrong PIN refused');
    for (const k of ['4', '8', '2', '7']) await tapTarget(a, w0, S, `key-${k}`);
    await waitForHub(a, (h) => h.dialog?.entered === 4, 'four digits typed');
    await tapTarget(a, w0, S, 'key-ok');
    await waitForHub(a, (h) => h.dialog === null && h.alerts.find((x) => x.id === 'ngap-ltk')?.acknowledgedBy === 'Nguyễn Văn An' && h.pendingAcks.length === 0, 'acknowledged on this window');

    const detail = await api(hub.url, 'GET', '/api/alerts/ngap-ltk', TOKENS.operator);
    expect(detail.body.alert).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'Nguyễn Văn An' });
    expect(detail.body.audit.filter((e: { action: string }) => e.action === 'ack')).toEqual([
      expect.objectContaining({ actor: 'Nguyễn Văn An', role: 'wall', node: 'node-1', window: 'w0', screen: 'r1c1' }),
    ]);
    await waitForHub(b, (h) => h.alerts.some((x) => x.id === 'ngap-ltk' && x.state === 'acknowledged' && x.acknowledgedBy === 'Nguyễn Văn An'), 'second window shows it acknowledged');
    expect((await debugState(a)).hub!.alerts[0]!.escalated).toBe(false);
    // Health reports reached the hub: the page says it sent one, then the hub's wall list carries
    // it (polled until there, with a deadline: the report and this request travel separately).
    await waitForHub(a, (h) => h.healthSent >= 1, 'health sent');
    type WallRow = { node: string; window: string; connected: boolean; health: { fps: number } | null };
    const w0Row = await until(async () => {
      const walls = (await api(hub.url, 'GET', '/api/walls', TOKENS.operator)).body.walls as WallRow[];
      return walls.find((w) => w.node === 'node-1' && w.window === 'w0' && w.health !== null);
    }, 'the health report of node-1/w0 in GET /api/walls', 10_000, 50);
    expect(w0Row.connected).toBe(true);
    expect(w0Row.health).toMatchObject({ fps: expect.any(Number) });
  });

  it('with the hub down: badge, stale tiles, a keyboard ack kept across a reload and delivered on return; the snapshot leaves no tile stale', async () => {
    await raise(hub, 'ngap-2');
    await publish(hub, 1.1);
    const config = withHub(pageConfig({ wall, layouts: [live], window: w0, scale: S }), hub.url, { escalateAfterS: 0 });
    const win: WallWindow = await browser.open(config);
    await waitForHub(win, (h) => h.connection === 'connected' && h.alerts.length === 1, 'connected');
    await waitForState(win, (s) => s.tiles.length > 0 && s.tiles.every((t) => !t.stale));

    // (e) the hub stops: the badge says since when; (d) tiles go stale by their freshness rules.
    await hub.stop();
    const down = await waitForHub(win, (h) => h.badge.kind === 'disconnected' || h.badge.kind === 'reconnecting', 'badge shows the loss');
    expect(down.badge.text).toMatch(/Mất kết nối từ \d\d:\d\d:\d\d/i);
    await waitForState(win, (s) => s.tiles.find((t) => t.id === 'level')!.stale, undefined, 10_000);

    // (c) acknowledge with the keyboard while the hub is away: arrows, Enter, PIN, Enter.
    await win.page.keyboard.press('ArrowDown');
    await waitForHub(win, (h) => h.selectedAlert === 'ngap-2', 'selected');
    await win.page.keyboard.press('Enter');
    await waitForHub(win, (h) => h.dialog !== null, 'dialog open');
    await win.page.keyboard.type('4827');
    await win.page.keyboard.press('Enter');
    await waitForHub(win, (h) => h.pendingAcks.length === 1 && h.alerts[0]!.pending, 'queued, pending');
    const stored = await win.page.evaluate(() => window.localStorage.getItem('wallrun.acks.v1.node-1.w0'));
    expect(JSON.parse(stored!)).toEqual([expect.objectContaining({ alertId: 'ngap-2', operator: 'Nguyễn Văn An', screen: 'r1c1' })]);
    expect(stored).not.toContain('4827');

    // Reload while the hub is still down: the queue comes back from local storage, and so do the
    // alerts the window showed (marked as sending), not "no active alerts".
    const since = win.events.length;
    await win.page.reload();
    await win.waitForEvent('ready', { since });
    await waitForHub(
      win,
      (h) => h.pendingAcks.length === 1 && h.pendingAcks[0]!.alertId === 'ngap-2' && h.connection !== 'connected' && h.alerts.some((x) => x.id === 'ngap-2' && x.pending),
      'pending after reload',
    );

    // The hub returns (same port, same data); fresh data reaches it before the wall reconnects.
    await hub.start();
    expect((await publish(hub, 1.2)).status).toBe(202);
    const back = await waitForHub(win, (h) => h.connection === 'connected' && h.snapshots >= 1 && h.pendingAcks.length === 0, 'reconnected, ack delivered');
    expect(back.alerts[0]).toMatchObject({ id: 'ngap-2', state: 'acknowledged', acknowledgedBy: 'Nguyễn Văn An', pending: false });
    expect(back.badge.kind).toBe('connected');
    const s = await waitForState(win, (st) => st.tiles.every((t) => !t.stale && !t.late), undefined, 5000);
    expect(s.tiles.find((t) => t.id === 'level')!.lastUpdate).not.toBeNull();
    const detail = await api(hub.url, 'GET', '/api/alerts/ngap-2', TOKENS.operator);
    expect(detail.body.alert).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'Nguyễn Văn An' });
    expect(detail.body.audit.filter((e: { action: string }) => e.action === 'ack')).toEqual([expect.objectContaining({ screen: 'r1c1', window: 'w0' })]);
  });
});
