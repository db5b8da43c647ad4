import { describe, expect, it } from 'vitest';
import { crashLoopPage } from './crash-loop-page.js';
import { fallbackPageHtml } from './kiosk-options.js';
import { makeWall } from '../../../test/support/wall-fixtures.js';
import type { WatchdogReport } from './watchdog-rules.js';
import { assumedDisplays, planWindows } from '../displays/window-plan.js';

const report: WatchdogReport = { kind: 'crash-loop', trouble: 'crashed', detail: '5 failures in 300 s; last: renderer crashed', failures: 5, at: 0 };

describe('crash-loop page', () => {
  const wall = makeWall({ columns: 2, rows: 1 });
  const window = planWindows(wall, 'node-1', assumedDisplays(wall, 'node-1'))[0]!;

  it('names the window, its screens and the last error, in Vietnamese and English, and asks for the technician', () => {
    const page = crashLoopPage(window, report, new Date(2026, 0, 2, 9, 5, 7).getTime());
    const text = [page.title, ...page.lines].join('\n');
    expect(text).toContain(window.id);
    for (const s of window.screens) expect(text).toContain(s.screenId);
    expect(text).toContain('renderer crashed');
    expect(text).toContain('Wall window failed');
    expect(text).toContain('Cửa sổ màn hình bị lỗi');
    expect(text).toMatch(/kỹ thuật viên.*technician/);
    expect(text).toContain('09:05:07');
  });

  it('keeps an error text as text on the page', () => {
    const html = fallbackPageHtml(crashLoopPage(window, { ...report, detail: '<img src=x onerror=alert(1)>' }, 0));
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;img');
    expect(html).not.toMatch(/<script|https?:/);
  });
});
