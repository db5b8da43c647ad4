/**
 * `wallrun report` (src/cli/report.ts, docs/timeline.md "Shift handover report"): after a scripted
 * shift on a real hub (alerts raised in two sectors, two acknowledged, one cleared, a layout switch,
 * a topic late), the HTML and the PDF the system Chromium prints say the right counts in Vietnamese
 * (the PDF read back with pdftotext, compared after NFC); a reversed range or one in the future is
 * refused naming the field, and nothing is written.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCommand } from '../../src/cli/report.js';
import { layout, tile } from '../support/fixtures.js';
import { TOKENS, api, tempDir, testHub, until } from '../support/hub-fixtures.js';

type Hub = Awaited<ReturnType<typeof testHub>>;
const cell = { col: 0, row: 0, colSpan: 1, rowSpan: 1 };
const LAYOUTS = [
  layout('overview', [tile({ id: 'k', widget: 'kpi', cell, topics: ['flood.water-level.song-ganh-hao'] })]),
  layout('flood', [tile({ id: 'r', widget: 'kpi', cell, topics: ['sonla.health.dengue-cases'], freshness: { dailyDeadline: '00:00' } })]),
];
const nfc = (s: string): string => s.normalize('NFC').replace(/\s+/g, ' ');

describe('wallrun report', () => {
  const data = tempDir('wallrun-report-hub-');
  const out = tempDir('wallrun-report-out-');
  let hub: Hub;
  let shiftStart = 0;
  const lines: string[] = [];
  const run = (from: number, to: number, prefix: string, lang: 'vi' | 'en' = 'vi') =>
    reportCommand({ hub: hub.url, token: TOKENS.operator, from: String(from), to: String(to), out: path.join(out.dir, prefix), lang, print: (l) => lines.push(l), err: (l) => lines.push(`ERR ${l}`) });

  beforeAll(async () => {
    hub = await testHub({ dataDir: data.dir, layouts: LAYOUTS, timelineEveryMs: 50 });
    shiftStart = Date.now() - 1000;
    const raise = (id: string, severity: string, sector: string, title: string) =>
      api(hub.url, 'POST', '/api/alerts', TOKENS.integration, { id, severity, sector, area: 'Cà Mau', title });
    expect((await raise('bd3', 'critical', 'flood', 'Mực nước sông Gành Hào vượt báo động III')).status).toBe(201);
    expect((await raise('sat-lo', 'minor', 'flood', 'Sạt lở bờ kè Tắc Thủ')).status).toBe(201);
    expect((await raise('un-tac', 'major', 'traffic', 'Ùn tắc cầu Gành Hào')).status).toBe(201);
    expect((await api(hub.url, 'POST', '/api/layout', TOKENS.operator, { layout: 'flood' })).status).toBe(202);
    expect((await api(hub.url, 'POST', '/api/alerts/bd3/ack', TOKENS.operator, {})).status).toBe(200);
    expect((await api(hub.url, 'POST', '/api/alerts/un-tac/ack', TOKENS.operator, {})).status).toBe(200);
    expect((await api(hub.url, 'POST', '/api/alerts/un-tac/clear', TOKENS.integration, {})).status).toBe(200);
    await until(async () => {
      const r = await api(hub.url, 'GET', `/api/timeline?from=${shiftStart}&to=${Date.now()}&kind=alert`, TOKENS.operator);
      return r.body.events.some((e: { what: string }) => e.what === 'cleared');
    }, 'the shift on the timeline');
  });
  afterAll(async () => {
    await hub?.destroy();
    data.remove();
    out.remove();
  });

  it('writes the HTML and a PDF whose text gives the shift’s counts in Vietnamese', async () => {
    expect(await run(shiftStart, Date.now(), 'ca-ngay')).toBe(0);
    const html = readFileSync(path.join(out.dir, 'ca-ngay.html'), 'utf8');
    expect(html).toContain('<h1>Báo cáo giao ca</h1>');
    const text = nfc(execFileSync('pdftotext', ['-layout', path.join(out.dir, 'ca-ngay.pdf'), '-'], { encoding: 'utf8' }));
    expect(text).toContain(nfc('Báo cáo giao ca'));
    for (const [label, n] of [['Cảnh báo phát sinh', 3], ['Đã xác nhận', 2], ['Đã kết thúc', 1], ['Còn mở cuối ca', 2], ['Chuyển bố cục', 1]] as const) {
      expect(text, label).toMatch(new RegExp(`${nfc(label)} ${n}(?!\\d)`));
    }
    // Per sector: flood raised 2, acknowledged 1, open 2; traffic raised 1, acknowledged 1, open 0.
    expect(text).toMatch(new RegExp(`${nfc('Ngập lụt')} 2 1 [\\d,]+ ${nfc('phút')} 2`));
    expect(text).toMatch(new RegExp(`${nfc('Giao thông')} 1 1 [\\d,]+ ${nfc('phút')} 0`));
    expect(text).toContain(nfc('Mực nước sông Gành Hào')); // a long title wraps in its cell
    // Late since before the shift (its deadline is 00:00) and still late in it: listed.
    expect(text).toMatch(new RegExp(`${nfc('Dữ liệu trễ hạn')} 1(?!\\d)`));
    expect(text).toContain(nfc('sonla.health.dengue-cases'));
  });

  it('writes it in English with --lang en', async () => {
    expect(await run(shiftStart, Date.now(), 'day-shift', 'en')).toBe(0);
    const text = nfc(execFileSync('pdftotext', ['-layout', path.join(out.dir, 'day-shift.pdf'), '-'], { encoding: 'utf8' }));
    expect(text).toContain('Shift handover report');
    expect(text).toMatch(/Alerts raised 3(?!\d)/);
  });

  it('refuses a reversed range or one in the future naming the field, writing nothing', async () => {
    lines.length = 0;
    expect(await run(Date.now(), shiftStart, 'reversed')).toBe(1);
    expect(lines.join('\n')).toContain('to: is before from');
    expect(await run(shiftStart, Date.now() + 3_600_000, 'future')).toBe(1);
    expect(lines.join('\n')).toContain('to: is in the future');
    expect(existsSync(path.join(out.dir, 'reversed.html')) || existsSync(path.join(out.dir, 'future.pdf'))).toBe(false);
    expect(await reportCommand({ hub: hub.url, token: undefined, from: '0', to: '1', out: path.join(out.dir, 'x'), lang: 'vi', err: (l) => lines.push(l) })).toBe(1);
    expect(lines.at(-1)).toContain('WALLRUN_TOKEN');
  });
});
