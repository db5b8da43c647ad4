import { describe, expect, it } from 'vitest';
import { levelOf, parseThresholds, splitRuns, thresholdValues } from './thresholds.js';

describe('parseThresholds', () => {
  it('reads levels and direction, ignoring junk', () => {
    expect(parseThresholds({ warning: 60, critical: 40, direction: 'below' })).toEqual({ warning: 60, critical: 40, direction: 'below' });
    expect(parseThresholds({ critical: 5 })).toEqual({ critical: 5, direction: 'above' });
    expect(parseThresholds({ warning: 'x' })).toBeUndefined();
    expect(parseThresholds(null)).toBeUndefined();
  });
});

describe('levelOf', () => {
  const above = { warning: 50, critical: 80, direction: 'above' as const };
  const below = { warning: 60, critical: 40, direction: 'below' as const };
  it('classifies values against upper thresholds, counting the boundary as past', () => {
    expect(levelOf(10, above)).toBe('normal');
    expect(levelOf(50, above)).toBe('warning');
    expect(levelOf(79.9, above)).toBe('warning');
    expect(levelOf(80, above)).toBe('critical');
  });
  it('classifies values against lower thresholds', () => {
    expect(levelOf(70, below)).toBe('normal');
    expect(levelOf(55, below)).toBe('warning');
    expect(levelOf(40, below)).toBe('critical');
  });
  it('is normal without thresholds or for non-finite values', () => {
    expect(levelOf(1e9, undefined)).toBe('normal');
    expect(levelOf(NaN, above)).toBe('normal');
    expect(thresholdValues(above)).toEqual([50, 80]);
  });
});

describe('splitRuns', () => {
  const t = { warning: 50, critical: 80, direction: 'above' as const };
  const toY = (v: number): number => 100 - v;

  it('keeps a line that never crosses as one run', () => {
    const runs = splitRuns([{ x: 0, v: 10 }, { x: 10, v: 20 }], t, toY);
    expect(runs).toEqual([{ level: 'normal', points: [{ x: 0, y: 90 }, { x: 10, y: 80 }] }]);
  });

  it('splits at interpolated crossings, rising through both levels', () => {
    const runs = splitRuns([{ x: 0, v: 0 }, { x: 100, v: 100 }], t, toY);
    expect(runs.map((r) => r.level)).toEqual(['normal', 'warning', 'critical']);
    expect(runs[0]!.points.at(-1)).toEqual({ x: 50, y: 50 });
    expect(runs[1]!.points).toEqual([{ x: 50, y: 50 }, { x: 80, y: 20 }]);
    expect(runs[2]!.points).toEqual([{ x: 80, y: 20 }, { x: 100, y: 0 }]);
  });

  it('splits falling lines in the order they meet the levels', () => {
    const runs = splitRuns([{ x: 0, v: 100 }, { x: 100, v: 0 }], t, toY);
    expect(runs.map((r) => r.level)).toEqual(['critical', 'warning', 'normal']);
    expect(runs[1]!.points.map((p) => p.x)).toEqual([20, 50]);
  });

  it('joins runs without gaps: each run starts where the previous ended', () => {
    const pts = [0, 60, 90, 30, 85, 10].map((v, i) => ({ x: i * 10, v }));
    const runs = splitRuns(pts, t, toY);
    for (let i = 1; i < runs.length; i++) expect(runs[i]!.points[0]).toEqual(runs[i - 1]!.points.at(-1));
    expect(runs.every((r) => r.points.length >= 2)).toBe(true);
  });

  it('changes level at a sample exactly on a threshold', () => {
    const runs = splitRuns([{ x: 0, v: 10 }, { x: 10, v: 80 }, { x: 20, v: 90 }], { critical: 80, direction: 'above' }, toY);
    expect(runs.map((r) => r.level)).toEqual(['normal', 'critical']);
  });

  it('returns a single-point run for a single sample', () => {
    expect(splitRuns([{ x: 5, v: 90 }], t, toY)).toEqual([{ level: 'critical', points: [{ x: 5, y: 10 }] }]);
    expect(splitRuns([], t, toY)).toEqual([]);
  });
});
