import { describe, expect, it } from 'vitest';
import type { TopicData } from '../../store.js';
import { barGroups, localize, numericValue, parseChartProps, topicSamples } from './series.js';

const td = (topic: string, value: unknown, receivedAt: number, history: { t: number; value: unknown }[] = []): TopicData => ({
  topic, value, receivedAt, history,
});

describe('parseChartProps', () => {
  it('fills defaults and narrows types', () => {
    expect(parseChartProps({ kind: 'bar' })).toEqual({ kind: 'bar', windowS: 3600, decimals: 0, series: [] });
    const p = parseChartProps({ kind: 'gauge', unit: '%', min: 0, max: 100, decimals: 1, thresholds: { critical: 90 } });
    expect(p).toMatchObject({ kind: 'gauge', unit: '%', min: 0, max: 100, decimals: 1, thresholds: { critical: 90, direction: 'above' } });
  });
});

describe('localize', () => {
  it('picks the wall language, falling back to Vietnamese', () => {
    expect(localize({ vi: 'Mưa', en: 'Rain' }, 'en')).toBe('Rain');
    expect(localize({ vi: 'Mưa' }, 'en')).toBe('Mưa');
    expect(localize('X', 'vi')).toBe('X');
  });
});

describe('topicSamples', () => {
  it('appends the latest value when the history does not end with it, skipping junk', () => {
    const d = td('a.b', 7, 300, [{ t: 100, value: 5 }, { t: 200, value: 'x' }, { t: 250, value: { value: 6 } }]);
    expect(topicSamples(d)).toEqual([{ t: 100, v: 5 }, { t: 250, v: 6 }, { t: 300, v: 7 }]);
  });
  it('does not duplicate the latest value and sorts out-of-order history', () => {
    expect(topicSamples(td('a.b', 7, 300, [{ t: 300, value: 7 }, { t: 100, value: 1 }]))).toEqual([{ t: 100, v: 1 }, { t: 300, v: 7 }]);
    expect(topicSamples(undefined)).toEqual([]);
    expect(numericValue(Infinity)).toBeUndefined();
  });
});

describe('barGroups', () => {
  it('makes one category per key of object values, grouped by topic', () => {
    const data = new Map([
      ['rain.a', td('rain.a', { 'Trạm 1': 12, 'Trạm 2': 30 }, 1)],
      ['rain.b', td('rain.b', { 'Trạm 2': 5, 'Trạm 3': 8 }, 1)],
    ]);
    expect(barGroups(['rain.a', 'rain.b'], data, ['A', 'B'])).toEqual([
      { category: 'Trạm 1', values: [12, NaN] },
      { category: 'Trạm 2', values: [30, 5] },
      { category: 'Trạm 3', values: [NaN, 8] },
    ]);
  });
  it('makes one bar per topic for plain numbers, named by series', () => {
    const data = new Map([['x.a', td('x.a', 3, 1)], ['x.b', td('x.b', { value: 4 }, 1)]]);
    expect(barGroups(['x.a', 'x.b', 'x.c'], data, ['A', ''])).toEqual([
      { category: 'A', values: [3] },
      { category: 'x.b', values: [4] },
      { category: 'x.c', values: [NaN] },
    ]);
  });
});
