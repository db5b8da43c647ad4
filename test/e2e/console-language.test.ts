/**
 * The console's language and time (issue 13, "Language and time"): in Vietnamese (the default) no
 * English word is left on the page, layouts, sectors and stream states read as the wall names them,
 * and every time is in the wall's zone, not the browser's; with ?lang=en the main labels are English.
 *
 * "No English" is judged per word: a word that is not a Vietnamese syllable (Vietnamese words are
 * single syllables, with tone marks stripped they follow initial + vowels + final; "flood",
 * "playing", "committed" do not) must be in the allowlist of proper nouns, ids and units shown on
 * purpose. The browser runs in New York time so a time shown in the browser's zone is caught.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PROTOCOL_VERSION } from '../../src/core/protocol/protocol.js';
import { formatTime } from '../../src/core/wall/format.js';
import { SECTOR_TERMS, severityName } from '../../src/core/wall/vocabulary.js';
import { buildConsole } from '../../src/shell/build-console.js';
import { layout, tile } from '../support/fixtures.js';
import { TOKENS, api, nextEvent, rawWall, testHub, until, type RawWallSocket } from '../support/hub-fixtures.js';
import { thumbnailPayload } from '../support/thumbnail-fixtures.js';
import { chromiumPath } from '../support/wall-browser.js';
import { makeWall } from '../support/wall-fixtures.js';

const kpi = (col: number) => tile({ id: 'k', widget: 'kpi', cell: { col, row: 0, colSpan: 1, rowSpan: 1 }, title: 'Chỉ số', topics: ['test.kpi.value'] });
const LAYOUTS = [
  layout('emergency', [kpi(0)], { title: { vi: 'Ứng phó khẩn cấp', en: 'Emergency response' } }),
  layout('flood', [kpi(1)], { title: { vi: 'Giám sát ngập lụt', en: 'Flood watch' } }),
];

/** Proper nouns, ids, units and format names (HLS) the page shows on purpose (lower case); a word with a digit (node-1, w1) is an id. */
const ALLOWED = new Set(['wallrun', 'camera', 'mb', 'ms', 'operator', 'editor', 'hls']);

const VI_SYLLABLE = /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?$/;

/** The words of `text` that are neither Vietnamese syllables nor allowed (ids with digits are ids). */
function foreignWords(text: string): string[] {
  const words = text.match(/[\p{L}\p{N}-]+/gu) ?? [];
  return words.filter((w) => {
    if (/\d/.test(w)) return false;
    const plain = w.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
    return !ALLOWED.has(plain) && !VI_SYLLABLE.test(plain);
  });
}

/** Everything a person reads: visible text, and the names of images and controls. */
const readable = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const attrs = [...document.querySelectorAll('[alt], [title], [aria-label], [placeholder]')]
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .flatMap((el) => ['alt', 'title', 'aria-label', 'placeholder'].map((a) => el.getAttribute(a) ?? ''));
    return [document.title, document.body.innerText, ...attrs].join('\n');
  });

describe('console language and time (e2e)', () => {
  let hub: Awaited<ReturnType<typeof testHub>>;
  let browser: Browser;
  let wall: RawWallSocket;
  let raisedAt = 0;

  beforeAll(async () => {
    await buildConsole();
    // With the wall model: the wall canvas's words are walked too.
    hub = await testHub({ wall: makeWall(), layouts: LAYOUTS, timezone: 'Asia/Ho_Chi_Minh', console: { thumbnailMinIntervalMs: 0 } });
    wall = rawWall(hub.url);
    wall.on('layout:switch', (cmd: { commandId: string; layout: string; at: number }) =>
      wall.emit('layout:switched', { commandId: cmd.commandId, layout: cmd.layout, at: Math.max(cmd.at, Date.now()) }),
    );
    await nextEvent(wall, 'snapshot');
    // A second window that has gone: its card says why, in words.
    const gone = rawWall(hub.url, { token: TOKENS.wall, protocol: PROTOCOL_VERSION, identity: { node: 'node-1', window: 'w2', screens: ['r2c1'] } });
    await nextEvent(gone, 'snapshot');
    gone.close();
    await until(async () => (await api(hub.url, 'GET', '/api/walls', TOKENS.operator)).body.walls.some((w: { window: string; connected: boolean }) => w.window === 'w2' && !w.connected), 'w2 to drop');
    wall.emit('thumbnail', thumbnailPayload([20, 120, 200], { at: Date.now() }));
    const playing = (t: string) => ({ tile: t, state: 'playing' as const, since: Date.now() });
    wall.emit('health', { at: Date.now(), layout: 'emergency', fps: 60, memory: { usedMB: 300 }, streams: [...['a', 'b', 'c'].map(playing), { ...playing('d'), path: 'hls', fallback: 'refused' }] });
    const raised = await api(hub.url, 'POST', '/api/alerts', TOKENS.integration, { id: 'lang-1', severity: 'major', sector: 'traffic', area: 'Quận 1', title: 'Ùn tắc kéo dài' });
    expect(raised.status).toBe(201);
    raisedAt = raised.body.alert.raisedAt;
    const preset = await api(hub.url, 'PUT', '/api/presets/ca-dem', TOKENS.editor, { title: { vi: 'Ca đêm', en: 'Night shift' }, layout: 'flood', cameras: [], version: 0 });
    expect(preset.status).toBeLessThan(300);
    expect((await api(hub.url, 'POST', '/api/layout', TOKENS.operator, { layout: 'flood' })).status).toBeLessThan(300);
    await until(async () => (await api(hub.url, 'GET', '/api/layout', TOKENS.operator)).body.current?.layout === 'flood', 'the hub to switch');
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true });
  });

  afterAll(async () => {
    await browser?.close();
    wall?.close();
    await hub?.cleanup();
  });

  async function openConsole(query: string): Promise<Page> {
    const context = await browser.newContext({ timezoneId: 'America/New_York' });
    const page = await context.newPage();
    await page.goto(`${hub.url}/console/${query}`);
    await page.locator('body[data-state="login"]').waitFor();
    return page;
  }

  async function logIn(page: Page): Promise<void> {
    await page.fill('#token', TOKENS.operator);
    await page.click('#login-form button[type="submit"]');
    await page.locator('body[data-state="ready"]').waitFor();
    await page.locator('#link[data-link="online"]').waitFor();
    await page.locator('#alerts li[data-alert-id="lang-1"]').waitFor();
    await page.locator('article[data-window="w1"] img').waitFor();
    await page.locator('#presets article[data-preset="ca-dem"]').waitFor();
    await expect.poll(() => page.textContent('article[data-window="w1"]')).toContain('4 ');
  }

  it('in Vietnamese shows no English word, before and after logging in', async () => {
    const page = await openConsole('');
    expect(foreignWords(await readable(page))).toEqual([]);
    await logIn(page);
    await page.locator('#current-layout[data-layout="flood"]').waitFor();
    const text = await readable(page);
    expect(foreignWords(text)).toEqual([]);
    // The acknowledgement's confirmation too (Esc closes it; nothing is sent).
    await page.click('#alerts li[data-alert-id="lang-1"] button.ack');
    await page.locator('#ack-dialog').waitFor();
    expect(foreignWords(await readable(page))).toEqual([]);
    await page.keyboard.press('Escape');
    await page.locator('#ack-dialog').waitFor({ state: 'detached' });
    // Layouts, sectors and stream states as the wall names them, not their ids.
    expect(await page.textContent('#layouts button[data-layout="emergency"]')).toBe('Ứng phó khẩn cấp');
    expect(await page.textContent('#current-layout')).toBe('Giám sát ngập lụt');
    expect(await page.textContent('#alerts li[data-alert-id="lang-1"] .alert-meta')).toContain(SECTOR_TERMS.traffic!.vi);
    expect(await page.textContent('article[data-window="w1"]')).toContain('4 đang phát, 1 HLS dự phòng');
    expect(await page.textContent('article[data-window="w2"]')).toMatch(/mất kết nối \((cửa sổ tự ngắt kết nối|đường truyền bị đóng)\)/);
    // The time is the wall's (Ho Chi Minh City), not the browser's (New York): 11 or 12 hours apart.
    expect(await page.textContent('#alerts li[data-alert-id="lang-1"] .alert-meta')).toContain(formatTime(raisedAt, 'Asia/Ho_Chi_Minh', { seconds: true }));
    await page.context().close();
  });

  it('catches English: the word check is not vacuous', () => {
    expect(foreignWords('4 playing · committed · flood · Giám sát ngập lụt · w1 · Nguyễn Thị Lan')).toEqual(['playing', 'committed', 'flood']);
  });

  it('with ?lang=en shows the main labels in English', async () => {
    const page = await openConsole('?lang=en');
    expect(await page.textContent('#login h2')).toBe('Log in');
    await logIn(page);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('#layouts-section h2')).toBe('Layouts');
    expect(await page.textContent('#alerts-section h2')).toBe('Alerts');
    expect(await page.textContent('#walls-section h2')).toBe('The wall');
    expect(await page.textContent('#layouts button[data-layout="emergency"]')).toBe('Emergency response');
    const meta = await page.textContent('#alerts li[data-alert-id="lang-1"] .alert-meta');
    expect(meta).toContain(SECTOR_TERMS.traffic!.en);
    expect(await page.textContent('#alerts li[data-alert-id="lang-1"] .sev-name')).toBe(severityName('major', 'en'));
    expect(await page.textContent('article[data-window="w1"]')).toContain('4 playing');
    expect(await page.textContent('#alerts li[data-alert-id="lang-1"] button.ack')).toBe('Acknowledge');
    expect(await page.textContent('#alert-count')).toBe('Showing 1 of 1 alerts');
    expect(await page.textContent('#alert-filter .chip[data-severity="major"]')).toBe(`◆${severityName('major', 'en')}`);
    await page.click('#alerts li[data-alert-id="lang-1"] button.ack');
    expect(await page.textContent('#ack-confirm')).toBe('Acknowledge alert');
    await page.keyboard.press('Escape');
    expect(await page.textContent('#presets article[data-preset="ca-dem"] h3')).toBe('Night shift');
    expect(await page.textContent('#presets article[data-preset="ca-dem"] button.activate')).toBe('Activate');
    await page.context().close();
  });
});
