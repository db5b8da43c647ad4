import { describe, expect, it } from 'vitest';
import { lab } from 'd3';
import { colorScale, labelColorOn, mapDomain, toHex } from './colors.js';

const theme = {
  colors: { background: '#0b1220', surface: '#131c2e', text: '#e6edf7', textMuted: '#8a9bb5', accent: '#3fa7ff', bezel: '#000', stale: '#6b7280' },
} as never;

describe('map colours', () => {
  it('gets brighter as values grow, and clamps outside the domain', () => {
    const s = colorScale(theme, [0, 100]);
    const l = [0, 25, 50, 75, 100].map((v) => lab(s(v)).l);
    for (let i = 1; i < l.length; i++) expect(l[i]!).toBeGreaterThan(l[i - 1]!);
    expect(toHex(s(-50))).toBe(toHex(s(0)));
    expect(toHex(s(500))).toBe('#e6edf7');
    expect(toHex(s(50))).toBe('#3fa7ff');
  });
  it('uses props for the domain, else the data extent, never empty', () => {
    expect(mapDomain([3, 9, 5])).toEqual([3, 9]);
    expect(mapDomain([3, 9], 0, 100)).toEqual([0, 100]);
    expect(mapDomain([])).toEqual([0, 1]);
    expect(mapDomain([4, 4])).toEqual([4, 5]);
  });
  it('picks dark labels on light fills and light labels on dark fills', () => {
    expect(labelColorOn('#e6edf7', theme)).toBe('#0b1220');
    expect(labelColorOn('#1e2a44', theme)).toBe('#e6edf7');
  });
});
