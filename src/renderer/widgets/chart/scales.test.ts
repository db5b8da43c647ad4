import { describe, expect, it } from 'vitest';
import { CAP_HEIGHT_RATIO, legibleMinimum } from '../../../core/wall/legibility.js';
import { downsampleMinMax, legibleTextPx, maxPointsFor, tickFormatter, valueDomain } from './scales.js';

describe('valueDomain', () => {
  it('uses the data extent, widened by thresholds', () => {
    expect(valueDomain([3, 7, 5])).toEqual([3, 7]);
    expect(valueDomain([3, 7], { include: [10] })).toEqual([3, 10]);
  });
  it('lets explicit min/max win and includes zero when asked', () => {
    expect(valueDomain([3, 7], { min: 0, max: 100 })).toEqual([0, 100]);
    expect(valueDomain([3, 7], { zero: true })).toEqual([0, 7]);
    expect(valueDomain([-3, -7], { zero: true })).toEqual([-7, 0]);
  });
  it('never returns an empty domain', () => {
    expect(valueDomain([])).toEqual([0, 1]);
    expect(valueDomain([50, 50])).toEqual([45, 55]);
    expect(valueDomain([0])).toEqual([-1, 1]);
    expect(valueDomain([5], { min: 5 })).toEqual([5, 5.5]);
    expect(valueDomain([NaN, Infinity])).toEqual([0, 1]);
  });
});

describe('downsampleMinMax', () => {
  const series = (n: number): { t: number; v: number }[] => Array.from({ length: n }, (_, i) => ({ t: i, v: Math.sin(i / 10) }));

  it('leaves short series alone but drops samples outside the window', () => {
    const s = series(10);
    expect(downsampleMinMax(s, 0, 9, 100)).toHaveLength(10);
    expect(downsampleMinMax(s, 2, 5, 100).map((p) => p.t)).toEqual([2, 3, 4, 5]);
  });

  it('bounds the output and keeps it in time order', () => {
    const out = downsampleMinMax(series(10_000), 0, 9_999, 500);
    expect(out.length).toBeLessThanOrEqual(500);
    expect(out.length).toBeGreaterThan(400);
    for (let i = 1; i < out.length; i++) expect(out[i]!.t).toBeGreaterThan(out[i - 1]!.t);
  });

  it('keeps a one-sample spike that averaging would hide', () => {
    const s = Array.from({ length: 10_000 }, (_, i) => ({ t: i, v: i === 4321 ? 1000 : 1 }));
    const out = downsampleMinMax(s, 0, 9_999, 200);
    expect(out.some((p) => p.v === 1000 && p.t === 4321)).toBe(true);
  });

  it('sizes output to about one point per 2 px', () => {
    expect(maxPointsFor(1000)).toBe(500);
    expect(maxPointsFor(1)).toBe(2);
  });
});

describe('legibleTextPx', () => {
  const wall = (legibilityRatio: number, width = 1920, height = 1080) => ({
    viewingDistanceM: 5,
    legibilityRatio,
    grid: { columns: 6, rows: 3, panel: { resolution: { width, height }, activeMm: { width: 1209.6, height: 680.4 }, bezelMm: { top: 1, right: 1, bottom: 1, left: 1 } } },
  });
  it('is the font whose capitals reach the legible character height (5 m, 0.63 mm pitch)', () => {
    // 5 m / 250 = 20 mm = 31.7 px of capital = font 42.9 px; 5 m / 215 = 23.3 mm = 36.9 px = font 49.9 px.
    expect(legibleTextPx(wall(250))).toBe(43);
    expect(legibleTextPx(wall(215))).toBe(50);
  });
  it('draws capitals no smaller than the minimum the check applies', () => {
    for (const [ratio, w, h] of [[215, 1920, 1080], [250, 3840, 2160], [180, 1366, 768]] as const) {
      const px = legibleTextPx(wall(ratio, w, h));
      expect(px * CAP_HEIGHT_RATIO).toBeGreaterThanOrEqual(legibleMinimum(wall(ratio, w, h)).capHeightPx);
      expect((px - 1) * CAP_HEIGHT_RATIO).toBeLessThan(legibleMinimum(wall(ratio, w, h)).capHeightPx);
    }
  });
});

describe('tickFormatter', () => {
  it('uses the language separators and the decimals the step needs', () => {
    expect(tickFormatter([0, 500, 1000], 'vi')(1000)).toBe('1.000');
    expect(tickFormatter([0, 500, 1000], 'en')(1000)).toBe('1,000');
    expect(tickFormatter([0, 0.5, 1], 'vi')(0.5)).toBe('0,5');
    expect(tickFormatter([0, 0.2, 0.4], 'en')(0.4)).toBe('0.4');
  });
});
