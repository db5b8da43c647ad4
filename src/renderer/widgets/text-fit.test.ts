import { describe, expect, it } from 'vitest';
import { ellipsize, keepNumbersWhole, labelStep, legibleFont, thinTicks } from './text-fit.js';

/** A monospaced stand-in for pixi's measurement: 10 px per character. */
const mono = (t: string): number => t.length * 10;

const wall = (legibilityRatio: number) => ({
  viewingDistanceM: 5,
  legibilityRatio,
  grid: { columns: 6, rows: 3, panel: { resolution: { width: 1920, height: 1080 }, activeMm: { width: 1209.6, height: 680.4 }, bezelMm: { top: 1, right: 1, bottom: 1, left: 1 } } },
});

describe('legibleFont', () => {
  it('keeps a wanted size at or above the minimum and raises one under it', () => {
    expect(legibleFont(wall(215))).toBe(50);
    expect(legibleFont(wall(215), 24)).toBe(50);
    expect(legibleFont(wall(215), 140)).toBe(140);
    expect(legibleFont(wall(250), 36)).toBe(43);
    expect(legibleFont(wall(215), 61.4)).toBe(61);
  });
});

describe('ellipsize', () => {
  it('keeps a text that fits', () => {
    expect(ellipsize('Bến xe Cà Mau', 130, mono)).toBe('Bến xe Cà Mau');
  });
  it('cuts at a word and ends with an ellipsis, within the room', () => {
    const out = ellipsize('Nút giao Trần Hưng Đạo – Nguyễn Tất Thành', 200, mono);
    expect(out).toBe('Nút giao Trần Hưng…');
    expect(mono(out)).toBeLessThanOrEqual(200);
  });
  it('gives nothing when not even one letter and the ellipsis fit', () => {
    expect(ellipsize('Cà Mau', 15, mono)).toBe('');
  });
});

describe('labelStep', () => {
  it('draws every label when the widest fits its slot', () => {
    expect(labelStep(8, 200, 150, 25)).toBe(1);
  });
  it('draws every k-th label when they would touch', () => {
    expect(labelStep(8, 100, 150, 25)).toBe(2);
    expect(labelStep(8, 50, 150, 25)).toBe(4);
  });
  it('never asks for more than one label per count', () => {
    expect(labelStep(3, 10, 500, 25)).toBe(3);
    expect(labelStep(1, 10, 500, 25)).toBe(1);
  });
});

describe('keepNumbersWhole', () => {
  it('glues the groups of a phone number and nothing else', () => {
    expect(keepNumbersWhole('Đường dây nóng 0290 3831 234')).toBe('Đường dây nóng 0290\u00a03831\u00a0234');
    expect(keepNumbersWhole('112 Cứu nạn · 113 Công an')).toBe('112 Cứu nạn · 113 Công an');
  });
});

describe('thinTicks', () => {
  it('keeps every tick whose labels have room', () => {
    expect(thinTicks([0, 10, 20, 30], 80, 65)).toEqual([0, 10, 20, 30]);
  });
  it('keeps every k-th from the low end when labels would touch', () => {
    expect(thinTicks([0, 5, 10, 15, 20, 25, 30], 40, 65)).toEqual([0, 10, 20, 30]);
    expect(thinTicks([0, 5, 10, 15, 20, 25, 30], -20, 65)).toEqual([0, 20]);
  });
});
