/**
 * The acknowledgement dialog in pixels (docs/acknowledgements.md, "On the wall"): with a real hub
 * and an alert raised over REST, the dialog the scene reports (its keypad and Cancel targets, wall
 * px, in the debug state) is what the screen shows there: the panel in the theme's surface colour
 * where the background was, outlined in the alert's severity colour, each key's label inked, OK in
 * the accent colour. After Cancel, and after an acknowledgement with the PIN, the same region is
 * back to the pixels it had before the dialog opened. One screen at scale 0.5.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rect } from '../../src/core/wall/model.js';
import { makeWall } from '../support/wall-fixtures.js';
import { api, TOKENS } from '../support/hub-fixtures.js';
import { OPERATORS, RestartableHub, tapTarget, waitForHub, withHub } from '../support/hub-wall.js';
import { THEME, layout, pageConfig, tile, windowFor } from '../support/fixtures.js';
import { changedPixels, pixel, rgb, type Image } from '../support/png.js';
import { imagePieces } from '../support/tile-pixels.js';
import { WallBrowser, capture, type WallWindow } from '../support/wall-browser.js';

const S = 0.5;
const wall = makeWall({ columns: 1, rows: 1 });
const win0 = windowFor(wall);
/** The list is in the top left corner; the dialog opens centred on the screen, its keypad below it. */
const lists = layout('list', [tile({ id: 'list', widget: 'alert-list', rect: { x: 3, y: 3, width: 700, height: 380 }, props: { fontSizePx: 40 } })]);
const ALERT = 'ngap-dialog';

/** A wall rect as image px (one screen: one piece). */
const img = (r: Rect): Rect => imagePieces(win0, r, S)[0]!;
/** Image px of wall rect `r`, whole pixels inside it. */
const bounds = (r: Rect) => {
  const p = img(r);
  return { x0: Math.ceil(p.x), y0: Math.ceil(p.y), x1: Math.floor(p.x + p.width), y1: Math.floor(p.y + p.height) };
};
/** Pixels of `r` (wall px) within `tol` of `colour` on every channel. */
const near = (image: Image, r: Rect, colour: string, tol = 3): number => {
  const c = rgb(colour);
  const { x0, y0, x1, y1 } = bounds(r);
  let n = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (pixel(image, x, y).slice(0, 3).every((v, i) => Math.abs(v - c[i]!) <= tol)) n++;
  return n;
};
const area = (r: Rect): number => {
  const { x0, y0, x1, y1 } = bounds(r);
  return (x1 - x0) * (y1 - y0);
};
const shrink = (r: Rect, d: number): Rect => ({ x: r.x + d, y: r.y + d, width: r.width - 2 * d, height: r.height - 2 * d });
const box = (rs: Rect[]): Rect => {
  const x = Math.min(...rs.map((r) => r.x));
  const y = Math.min(...rs.map((r) => r.y));
  return { x, y, width: Math.max(...rs.map((r) => r.x + r.width)) - x, height: Math.max(...rs.map((r) => r.y + r.height)) - y };
};

describe('acknowledgement dialog in pixels', () => {
  let browser: WallBrowser;
  let hub: RestartableHub;
  let win: WallWindow;

  beforeAll(async () => {
    hub = new RestartableHub();
    await hub.start();
    browser = await WallBrowser.start();
    win = await browser.open(withHub(pageConfig({ wall, layouts: [lists], window: win0, scale: S }), hub.url));
    await waitForHub(win, (h) => h.connection === 'connected' && h.operators >= OPERATORS.length, 'connected');
    const raised = await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, { id: ALERT, severity: 'critical', sector: 'flood', area: 'TP. Cà Mau', title: 'Ngập sâu 40 cm' });
    expect(raised.status).toBe(201);
    // The arrow key selects among the alerts the wall has: wait until this one has arrived.
    await waitForHub(win, (h) => h.alerts.some((a) => a.id === ALERT), 'alert on the wall');
    await win.page.keyboard.press('ArrowDown');
    await waitForHub(win, (h) => h.selectedAlert === ALERT, 'alert selected');
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.cleanup();
  });

  /** Opens the dialog with Enter; returns its targets (wall px) as the scene reports them. */
  async function openDialog(): Promise<Map<string, Rect>> {
    await win.page.keyboard.press('Enter');
    const h = await waitForHub(win, (x) => x.dialog?.alertId === ALERT && x.targets.some((t) => t.name === 'cancel'), 'dialog open');
    return new Map(h.targets.map((t) => [t.name, t.rect]));
  }

  it('shows the panel, keys and labels where the scene puts them, and nothing there after Cancel or an acknowledgement', async () => {
    const before = await capture(win);
    const targets = await openDialog();
    const open = await capture(win);
    const keys = [...targets].filter(([n]) => n.startsWith('key-') || n === 'cancel').map(([, r]) => r);
    expect(keys).toHaveLength(13);
    const keypad = box(keys);
    // Where the keypad now is, the screen showed only background before the dialog.
    expect(near(before, keypad, THEME.colors.background), 'keypad region was empty background').toBe(area(keypad));

    // The panel around the keys: a strip between the panel's edge and key-1 (the dialog's padding,
    // 22 wall px at this size) is the surface colour now, background before.
    const k1 = targets.get('key-1')!;
    const strip = { x: k1.x - 14, y: k1.y, width: 10, height: keypad.height };
    expect(near(open, strip, THEME.colors.surface)).toBeGreaterThan(0.9 * area(strip));
    expect(near(before, strip, THEME.colors.background)).toBe(area(strip));
    // Its outline, in the alert's severity colour, just outside that strip.
    const edge = { x: k1.x - 30, y: k1.y, width: 14, height: keypad.height };
    expect(near(open, edge, THEME.severity.critical, 60)).toBeGreaterThan(keypad.height * S * 0.8);

    // Each key's label has ink (the text colour) in the middle of the key; OK is the accent colour.
    for (const name of ['key-0', 'key-1', 'key-5', 'key-9', 'key-ok', 'key-erase', 'cancel']) {
      const r = targets.get(name)!;
      const middle = { x: r.x + r.width / 4, y: r.y + r.height / 4, width: r.width / 2, height: r.height / 2 };
      expect(near(open, middle, THEME.colors.text, 40), `${name} label inked`).toBeGreaterThan(4);
      expect(near(before, middle, THEME.colors.text, 40)).toBe(0);
    }
    const ok = targets.get('key-ok')!;
    expect(near(open, shrink(ok, 6), THEME.colors.accent)).toBeGreaterThan(0.5 * area(shrink(ok, 6)));

    // Cancel (touch): the dialog is gone from the scene and from the screen.
    await tapTarget(win, win0, S, 'cancel');
    await waitForHub(win, (h) => h.dialog === null && h.targets.every((t) => !t.name.startsWith('key-')), 'dialog closed');
    const cancelled = await capture(win);
    const panel = img({ x: keypad.x - 40, y: keypad.y - 40, width: keypad.width + 80, height: keypad.height + 80 });
    // Tolerance 4 (colours are drawn exactly): surface and background differ by 8–14 per channel.
    expect(changedPixels(open, cancelled, panel, 4), 'the comparison sees the dialog').toBeGreaterThan(0.2 * panel.width * panel.height);
    expect(changedPixels(before, cancelled, panel, 4), 'nothing left of the dialog after Cancel').toBe(0);

    // Again, then the PIN: acknowledged for the hub, and the dialog is gone in pixels too.
    expect([...(await openDialog()).keys()].sort()).toEqual([...targets.keys()].sort());
    await win.page.keyboard.type(OPERATORS[0]!.pin!);
    await win.page.keyboard.press('Enter');
    await waitForHub(win, (h) => h.dialog === null && h.alerts.some((a) => a.id === ALERT && a.acknowledgedBy === OPERATORS[0]!.name && !a.pending), 'acknowledged');
    const acknowledged = await capture(win);
    expect(changedPixels(before, acknowledged, panel, 4), 'nothing left of the dialog after the acknowledgement').toBe(0);
    expect((await api(hub.url, 'GET', `/api/alerts/${ALERT}`, TOKENS.operator)).body.alert).toMatchObject({ state: 'acknowledged', acknowledgedBy: OPERATORS[0]!.name });
  }, 60_000);
});
