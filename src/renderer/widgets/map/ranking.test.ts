import { describe, expect, it } from 'vitest';
import { RANKING_MAX_FONTS, rankAreas, rankingLayout } from './ranking.js';

const F = 43;

describe('rankingLayout', () => {
  it('gives a two-screen tile the spare width beside a province, map and list centred together', () => {
    const body = { width: 3840, height: 1000 };
    const { map, ranking } = rankingLayout(body, 1000, F);
    expect(ranking).not.toBeNull();
    expect(ranking!.width).toBe(F * RANKING_MAX_FONTS);
    expect(ranking!.x).toBe(map.x + map.width + F);
    const leftMargin = map.x;
    const rightMargin = body.width - (ranking!.x + ranking!.width);
    expect(Math.abs(leftMargin - rightMargin)).toBeLessThanOrEqual(1);
    expect(map.height).toBe(1000);
  });

  it('keeps the whole tile for the map when the spare width is too narrow for a list', () => {
    expect(rankingLayout({ width: 1920, height: 1000 }, 1600, F)).toEqual({ map: { x: 0, y: 0, width: 1920, height: 1000 }, ranking: null });
  });
});

describe('rankAreas', () => {
  it('lists the highest value first, ties by name', () => {
    const ranked = rankAreas([
      { name: 'U Minh', value: 3, color: '#000' },
      { name: 'Cà Mau', value: 9, color: '#000' },
      { name: 'Cái Nước', value: 3, color: '#000' },
    ]);
    expect(ranked.map((a) => a.name)).toEqual(['Cà Mau', 'Cái Nước', 'U Minh']);
  });
});
