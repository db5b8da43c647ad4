import { describe, expect, it } from 'vitest';
import { kpiLayout, trendPoints } from './kpi-layout.js';

const F = 43;
const LINE = 56;

describe('kpiLayout', () => {
  it('gives a wide 1920 × 540 strip a trend beside the value, and keeps title, caption and footer', () => {
    const b = kpiLayout({ width: 1920, height: 540, fontPx: F, lineH: LINE, titleLines: 1, hasCaption: true });
    expect(b.trend).not.toBeNull();
    expect(b.trend!.x).toBeGreaterThan(b.value.x + b.value.width);
    expect(b.trend!.x + b.trend!.width).toBeLessThanOrEqual(1920);
    expect(b.caption).not.toBeNull();
    expect(b.value.y).toBeGreaterThanOrEqual(b.caption!.y + b.caption!.height);
    expect(b.footer.y).toBeGreaterThanOrEqual(b.value.y + b.value.height);
    expect(b.footer.y + b.footer.height).toBeLessThanOrEqual(540);
  });

  it('centres the value alone on a half-screen tile, with its title on two lines', () => {
    const b = kpiLayout({ width: 960, height: 540, fontPx: F, lineH: LINE, titleLines: 2, hasCaption: false });
    expect(b.trend).toBeNull();
    expect(b.title!.height).toBe(2 * LINE);
    expect(b.value.width).toBe(960 - 2 * b.pad);
    expect(b.value.height).toBeGreaterThanOrEqual(2 * LINE);
  });

  it('drops the caption, then the second title line, before the value gets under two lines', () => {
    const b = kpiLayout({ width: 960, height: 280, fontPx: F, lineH: LINE, titleLines: 2, hasCaption: true });
    expect(b.caption).toBeNull();
    expect(b.title!.height).toBe(LINE);
    expect(b.value.height).toBeGreaterThanOrEqual(2 * LINE);
  });
});

describe('trendPoints', () => {
  const r = { x: 100, y: 0, width: 200, height: 100 };
  it('spans the rect, highest value at the top, and places the target within the same scale', () => {
    const { points, refY } = trendPoints([1, 3, 2], r, 5);
    expect(points.map((p) => p[0])).toEqual([100, 200, 300]);
    expect(points[0]![1]).toBe(100);
    expect(refY).toBe(0);
    expect(points[1]![1]).toBe(50);
  });
  it('draws nothing from fewer than two samples', () => {
    expect(trendPoints([4], r).points).toEqual([]);
  });
});

describe('kpiLayout on a tile too small for every part', () => {
  it('drops the footer, then the title, and keeps the value', () => {
    const small = kpiLayout({ width: 320, height: 180, fontPx: F, lineH: LINE, titleLines: 1, hasCaption: true });
    expect(small.footer.height).toBe(0);
    expect(small.caption).toBeNull();
    expect(small.title).not.toBeNull();
    const tiny = kpiLayout({ width: 240, height: 120, fontPx: F, lineH: LINE, titleLines: 1, hasCaption: true });
    expect(tiny.title).toBeNull();
    expect(tiny.value.y + tiny.value.height).toBeLessThanOrEqual(120);
  });
});
