// CAP shapes on a map tile: [lat, lon] turned to the projection's [lon, lat], drawn only where the
// map's extent holds them whole, circles sized by their radius; schematic maps recognised.
import type { GeoProjection } from 'd3';
import type { Graphics } from 'pixi.js';
import { describe, expect, it } from 'vitest';
import type { Theme } from '../../../core/wall/model.js';
import { capShapesFrom, drawCapShapes, isSchematic, type Extent } from './cap-areas.js';

function recorder() {
  const calls: [string, ...unknown[]][] = [];
  const g: Record<string, unknown> = {};
  for (const m of ['clear', 'poly', 'circle', 'fill', 'stroke']) g[m] = (...args: unknown[]) => (calls.push([m, ...args]), g);
  return { g: g as unknown as Graphics, calls };
}
/** 100 px per degree, x from longitude, y from latitude (north up). */
const projection = ((p: [number, number]) => [(p[0] - 105) * 100, (10 - p[1]) * 100]) as unknown as GeoProjection;
const theme = { severity: { critical: '#ff0000', major: '#ff8800', minor: '#ffff00', warning: '#00ffff', info: '#ffffff' }, colors: { text: '#eee' } } as unknown as Theme;
const extent: Extent = [[105, 8.5], [105.5, 9.5]];

describe('CAP shapes on a map', () => {
  it('projects lat,lon as lon,lat and draws only what the extent contains', () => {
    const { g, calls } = recorder();
    const drawn = drawCapShapes(g, capShapesFrom([
      { id: 'a', severity: 'major', state: 'active', areas: { polygons: [[[9, 105.1], [9, 105.2], [9.1, 105.2], [9, 105.1]]], circles: [{ lat: 9, lon: 105.25, radiusKm: 11.132 }] } },
      { id: 'far', severity: 'critical', state: 'active', areas: { polygons: [[[12, 109], [12, 109.1], [12.1, 109.1], [12, 109]]], circles: [{ lat: 9, lon: 105.49, radiusKm: 5 }] } },
      { id: 'gone', severity: 'critical', state: 'cleared', areas: { polygons: [[[9, 105.1], [9, 105.2], [9.1, 105.2], [9, 105.1]]], circles: [] } },
      { id: 'plain', severity: 'minor', state: 'active' },
    ]), projection, extent, theme);
    expect(drawn).toBe(2);
    const poly = calls.find((c) => c[0] === 'poly')!;
    expect((poly[1] as number[]).map((v) => Math.round(v))).toEqual([10, 100, 20, 100, 20, 90, 10, 100]);
    const circle = calls.find((c) => c[0] === 'circle')!;
    expect(circle.slice(1).map((v) => Math.round(v as number))).toEqual([25, 100, 10]);
    expect(calls.filter((c) => c[0] === 'stroke').map((c) => (c[1] as { color: string }).color)).toEqual(['#ff8800', '#ff8800']);
  });

  it('knows the demo map is schematic', () => {
    expect(isSchematic({ type: 'FeatureCollection', features: [], description: 'SCHEMATIC map of the districts…' } as never)).toBe(true);
    expect(isSchematic({ type: 'FeatureCollection', features: [] })).toBe(false);
  });
});
