/**
 * Alerts on the wall: the ticker scrolls by the wall clock and stays continuous across a bezel;
 * the alert list opens an alert's details on touch; pushed alert text is only ever text.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PageAlert } from '../../src/core/page/host-messages.js';
import { makeWall } from '../support/wall-fixtures.js';
import { minFontPx } from '../../src/renderer/widgets/legible-font.js';
import { WallBrowser, capture, waitForState, waitFrames, type WallWindow } from '../support/wall-browser.js';
import { layout, pageConfig, tile } from '../support/fixtures.js';
import { pixel, type Image } from '../support/png.js';
import { SEVERITY_TERMS, alertStateName, capitalise, severityName } from '../../src/core/wall/vocabulary.js';
import { formatDayMonth, formatTime } from '../../src/core/wall/format.js';

/** 2 wall px bezels, scale 0.5: screen 1 is wall x 2..1922 → page 0..960, screen 2 wall 1926.. → page 960... */
const wall = makeWall({ columns: 2, rows: 1, bezelMm: 1.26 });
const S = 0.5;
const SPEED = 120; // wall px per second
const TICKER_Y = 900; // wall px, ticker rect 840..960

function alert(id: string, severity: PageAlert['severity'], title: string, at = 0): PageAlert {
  return { id, severity, title, message: `${title}: chi tiết`, sector: 'flood', area: 'TP. Cà Mau', source: 'test', state: 'active', raisedAt: at, updatedAt: at };
}

const alertsLayout = layout('alerts', [
  tile({ id: 'list', widget: 'alert-list', rect: { x: 2, y: 2, width: 1920, height: 700 }, props: { fontSizePx: 48 } }),
  tile({ id: 'ticker', widget: 'ticker', rect: { x: 2, y: 840, width: 3844, height: 120 }, props: { speedPxPerS: SPEED, fontSizePx: 60 } }),
]);

/** Whether strip row pixels of `b` equal those of `a` shifted left by `shift` page px. */
function shiftedEqual(a: Image, b: Image, from: number, to: number, shift: number): { same: number; total: number } {
  let same = 0;
  let total = 0;
  for (const y of [TICKER_Y * S - 8, TICKER_Y * S, TICKER_Y * S + 8]) {
    for (let x = from; x < to; x++) {
      total++;
      const p = pixel(b, x, y);
      const q = pixel(a, x + shift, y);
      if (p.every((v, i) => Math.abs(v - q[i]!) <= 6)) same++;
    }
  }
  return { same, total };
}

describe('alerts', () => {
  let browser: WallBrowser;
  let win: WallWindow;
  beforeAll(async () => {
    browser = await WallBrowser.start();
  });
  afterEach(async () => {
    await browser?.closeWindows();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function openWithAlerts(alerts: PageAlert[]): Promise<WallWindow> {
    win = await browser.open(pageConfig({ wall, layouts: [alertsLayout], scale: S }));
    for (const a of alerts) await win.command({ type: 'raiseAlert', alert: a });
    await waitForState(win, (s) => s.tiles.every((t) => t.updates >= 1));
    return win;
  }

  it('scrolls the ticker by the wall clock, continuous across the bezel', async () => {
    const titles = ['Ngập sâu 40 cm tại đường Lý Thường Kiệt', 'Ùn tắc kéo dài trên cầu Gành Hào', 'Mực nước sông Gành Hào tăng nhanh', 'Mất tín hiệu camera ngã tư Phan Ngọc Hiển'];
    await openWithAlerts(titles.map((t, i) => alert(`a${i}`, i === 0 ? 'critical' : 'major', t)));
    // Wall clock fixed at 20 s after the epoch: the ticker has travelled 2,400 wall px into its text.
    const shot = async (ms: number): Promise<Image> => {
      await win.page.clock.setFixedTime(ms);
      await waitFrames(win, 1);
      return capture(win);
    };
    const a = await shot(20_000);
    const b = await shot(21_000); // one second later: 120 wall px = 60 page px further left
    // Inside screen 1 the picture moved by exactly 60 page px.
    const inside = shiftedEqual(a, b, 720, 880, 60);
    expect(inside.same / inside.total).toBeGreaterThan(0.98);
    // Text that crossed from screen 2 to screen 1 moved 58 page px in the window: the 4 wall px
    // behind the bezel were hidden, not squeezed (60 would mean the bezel was skipped).
    const across = shiftedEqual(a, b, 905, 958, 58);
    expect(across.same / across.total).toBeGreaterThan(0.98);
    const wrong = shiftedEqual(a, b, 905, 958, 60);
    expect(wrong.same).toBeLessThan(across.same);
  });

  it('names each severity and state with the core words and shows the severity shape, in the list and the ticker', async () => {
    // One alert from now, one from yesterday: yesterday's time carries its date.
    const now = Date.now();
    const yesterday = now - 86_400_000;
    await openWithAlerts([alert('fire', 'critical', 'Cháy rừng U Minh Hạ', now), alert('aqi', 'warning', 'AQI kém', yesterday)]);
    const s = await waitForState(win, (st) => st.tiles.every((t) => t.marks.length === 2));
    const list = s.tiles.find((t) => t.id === 'list')!;
    const ticker = s.tiles.find((t) => t.id === 'ticker')!;
    const mark = (sev: 'critical' | 'warning'): string => `severity:${sev}:${SEVERITY_TERMS[sev].shape}`;
    expect(list.marks).toEqual([mark('critical'), mark('warning')]);
    expect(ticker.marks).toEqual([mark('critical'), mark('warning')]);
    const tz = wall.timezone;
    const open = capitalise(alertStateName('active', 'vi'));
    expect(list.texts.map((t) => t.text)).toEqual(expect.arrayContaining([
      `${severityName('critical', 'vi')} · ${formatTime(now, tz)} · ${open}`,
      `${severityName('warning', 'vi')} · ${formatTime(yesterday, tz)} ${formatDayMonth(yesterday, tz)} · ${open}`,
    ]));
    expect(ticker.texts.map((t) => t.text.trim())).toEqual(expect.arrayContaining([severityName('critical', 'vi'), severityName('warning', 'vi')]));
  });

  it('groups repeats with a count, summarises an alarm flood and counts the rows that do not fit', async () => {
    const now = Date.now();
    const repeats = [0, 1, 2].map((i) => alert(`rep${i}`, 'critical', 'Vỡ bờ bao sông Gành Hào', now - i * 1000));
    const others = Array.from({ length: 11 }, (_, i) => alert(`m${i}`, 'major', `Ngập đường số ${i + 1}`, now - (i + 5) * 1000));
    await openWithAlerts([...others, ...repeats]);
    const s = await waitForState(win, (st) => st.tiles.some((t) => t.id === 'list' && t.texts.some((x) => x.label === 'more')));
    const list = s.tiles.find((t) => t.id === 'list')!;
    const by = (label: string): string[] => list.texts.filter((x) => x.label === label).map((x) => x.text);
    // 14 alerts in the last ten minutes: a flood, said once under the title rather than scrolled away.
    expect(by('flood')[0]).toMatch(/^Dồn dập: 14 cảnh báo trong 10 phút/);
    // The three repeats are one row, first (most severe), with their count; the newest leads it.
    expect(list.marks[0]).toBe(`severity:critical:${SEVERITY_TERMS.critical.shape}`);
    expect(by('count')).toEqual(['×3']);
    // As many rows as fit the 700 px tile at the legible size; the alerts of the rest are counted.
    const rows = list.marks.length;
    expect(rows).toBeGreaterThanOrEqual(2);
    expect(rows).toBeLessThan(12);
    expect(by('more')).toEqual([`+ ${11 - (rows - 1)} cảnh báo khác`]);
    expect(list.clipped).toBe(false);
    for (const x of list.texts) expect(x.fontSizePx, x.text).toBeGreaterThanOrEqual(minFontPx(wall) - 0.5);
  });

  it('opens the details of an alert on touch and closes them again', async () => {
    await openWithAlerts([alert('flood', 'critical', 'Ngập sâu tại đường Lý Thường Kiệt'), alert('jam', 'minor', 'Ùn tắc cầu Gành Hào')]);
    const list = { x: 0, y: 0, width: 960, height: 350 };
    const before = await capture(win);
    await win.page.mouse.click(200, 20);
    await waitFrames(win, 2);
    const open = await capture(win);
    await win.page.mouse.click(400, 300);
    await waitFrames(win, 2);
    const closed = await capture(win);
    const diff = (p: Image, q: Image): number => {
      let n = 0;
      for (let y = list.y; y < list.height; y += 2) for (let x = list.x; x < list.width; x += 2) if (pixel(p, x, y).some((v, i) => Math.abs(v - pixel(q, x, y)[i]!) > 12)) n++;
      return n;
    };
    expect(diff(before, open)).toBeGreaterThan(500);
    expect(diff(before, closed)).toBe(0);
  });

  it('shows markup in alert text as text: no element, no request, no script', async () => {
    const hostile = '<img src="/x.png" onerror="window.__pwned=1"><script>window.__pwned=2</script><b>Ngập</b>';
    await openWithAlerts([{ ...alert('evil', 'critical', hostile), message: hostile, area: '<iframe src="/y">' }]);
    await win.page.mouse.click(200, 20); // the details panel renders the message too
    await waitFrames(win, 3);
    const dom = await win.page.evaluate(() => ({
      elements: [...document.body.querySelectorAll('*')].map((e) => (e.id ? `${e.tagName}#${e.id}` : e.tagName)),
      pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
    }));
    // The canvas and the (empty) layer web tiles would use: nothing made from the alert's text.
    expect(dom).toEqual({ elements: ['DIV#page-layer', 'CANVAS'], pwned: null });
    expect(win.httpErrors).toEqual([]);
  });
});
