import { readFileSync } from 'node:fs';
import type { FeatureCollection, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  featureKey, featureNames, fitProjection, isLonLat, joinValues, labelAnchor, labelFits, parseMapProps, projectFeatures, rewindForD3,
} from './geo.js';

const square = (x0: number, y0: number, s: number, ccw: boolean): [number, number][] => {
  const cw: [number, number][] = [[x0, y0], [x0, y0 + s], [x0 + s, y0 + s], [x0 + s, y0], [x0, y0]];
  return ccw ? [...cw].reverse() : cw;
};
const fc = (rings: [number, number][][][], props: Record<string, unknown>[] = []): FeatureCollection => ({
  type: 'FeatureCollection',
  features: rings.map((r, i) => ({ type: 'Feature', properties: props[i] ?? { id: `f${i}` }, geometry: { type: 'Polygon', coordinates: r } })),
});
const bounds = (pts: [number, number][]): number[] => [
  Math.min(...pts.map((p) => p[0])), Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[1])),
];

describe('parseMapProps', () => {
  it('defaults valueProperty to id', () => {
    expect(parseMapProps({ geojson: 'maps/a.geojson' })).toEqual({ geojson: 'maps/a.geojson', valueProperty: 'id' });
    expect(parseMapProps({ geojson: 'a', valueProperty: 'code', min: 0, max: 9 })).toMatchObject({ valueProperty: 'code', min: 0, max: 9 });
  });
});

describe('geo fitting', () => {
  it('tells lon/lat files from planar ones', () => {
    expect(isLonLat(fc([[square(105, 9, 0.1, false)]]))).toBe(true);
    expect(isLonLat(fc([[square(0, 0, 500, false)]]))).toBe(false);
  });

  it('rewinds RFC 7946 (counterclockwise) rings so d3 sees a small polygon, not the globe', () => {
    const fixed = rewindForD3(fc([[square(105, 9, 0.1, true)]]));
    const ring = (fixed.features[0]!.geometry as Polygon).coordinates[0]!;
    expect(ring).toEqual(square(105, 9, 0.1, false));
    // Already clockwise: unchanged.
    expect((rewindForD3(fc([[square(105, 9, 0.1, false)]])).features[0]!.geometry as Polygon).coordinates[0]).toEqual(square(105, 9, 0.1, false));
  });

  it('fits a lon/lat collection inside the tile minus padding', () => {
    const data = rewindForD3(fc([[square(105, 9, 0.2, true)], [square(105.2, 9, 0.2, true)]]));
    const proj = fitProjection(data, { width: 800, height: 400 }, 10);
    const features = projectFeatures(data, proj, 'id');
    const all = features.flatMap((f) => f.outer.flat());
    const [x0, y0, x1, y1] = bounds(all);
    expect(x0).toBeGreaterThanOrEqual(9.5);
    expect(y0).toBeGreaterThanOrEqual(9.5);
    expect(x1).toBeLessThanOrEqual(790.5);
    expect(y1).toBeLessThanOrEqual(390.5);
    // The limiting dimension is filled (here the height: 0.4° × 0.2° in Mercator at 9° N is under 2:1 of 780 × 380).
    expect(x1! - x0! > 779 || y1! - y0! > 379).toBe(true);
    expect(features.map((f) => f.key)).toEqual(['f0', 'f1']);
  });

  it('fits planar (schematic) files with y flipped', () => {
    const data = fc([[square(0, 0, 100, false)], [square(0, 100, 100, false)]]);
    const proj = fitProjection(data, { width: 200, height: 200 }, 0, false);
    const [lower, upper] = projectFeatures(data, proj, 'id');
    expect(bounds(upper!.outer[0]!)[1]).toBeLessThan(bounds(lower!.outer[0]!)[1]!);
  });

  it('separates holes from outer rings by containment', () => {
    const data = fc([[square(0, 0, 100, false), square(25, 25, 50, true)]]);
    const [f] = projectFeatures(data, fitProjection(data, { width: 100, height: 100 }, 0, false), 'id');
    expect(f!.outer).toHaveLength(1);
    expect(f!.holes).toHaveLength(1);
    expect(f!.main).toBe(f!.outer[0]);
  });

  it('projects the shipped Cà Mau districts into the tile, all nine with keys', () => {
    const raw = JSON.parse(readFileSync(new URL('../../../../assets/maps/ca-mau-districts.geojson', import.meta.url), 'utf8')) as FeatureCollection;
    const data = rewindForD3(raw);
    const features = projectFeatures(data, fitProjection(data, { width: 960, height: 540 }, 12), 'id');
    expect(features).toHaveLength(9);
    expect(features.every((f) => f.key && f.outer.length >= 1)).toBe(true);
    const [x0, y0, x1, y1] = bounds(features.flatMap((f) => f.outer.flat()));
    expect(x0).toBeGreaterThanOrEqual(11.5);
    expect(y1).toBeLessThanOrEqual(528.5);
    expect(y1! - y0!).toBeGreaterThan(500);
    expect(x1).toBeLessThan(960);
  });
});

describe('values and labels', () => {
  it('joins topic objects by key, later topics winning, ignoring junk', () => {
    const m = joinValues([{ a: 1, b: 2 }, { b: 5, c: 'x' }, 7, null]);
    expect([...m]).toEqual([['a', 1], ['b', 5]]);
  });

  it('reads the key from valueProperty, or the feature id', () => {
    expect(featureKey({ type: 'Feature', id: 9, properties: {}, geometry: null as never }, 'id')).toBe('9');
    expect(featureKey({ type: 'Feature', properties: { code: 'x' }, geometry: null as never }, 'code')).toBe('x');
    expect(featureKey({ type: 'Feature', properties: {}, geometry: null as never }, 'code')).toBeUndefined();
  });

  it('places labels inside rings and only where they fit', () => {
    const ring = square(0, 0, 100, false);
    const [cx, cy] = labelAnchor(ring);
    expect(cx).toBeCloseTo(50);
    expect(cy).toBeCloseTo(50);
    expect(labelFits(ring, 50, 50, 80, 30)).toBe(true);
    expect(labelFits(ring, 50, 50, 120, 30)).toBe(false);
    // An L shape: its centroid lies in the notch, so the anchor must move inside.
    const L: [number, number][] = [[0, 0], [0, 100], [100, 100], [100, 90], [10, 90], [10, 0], [0, 0]];
    const [lx, ly] = labelAnchor(L);
    expect(labelFits(L, lx, ly, 1, 1)).toBe(true);
  });

  it('offers a short name without the administrative prefix', () => {
    expect(featureNames({ name: 'Huyện U Minh', nameEn: 'U Minh District' }, 'vi')).toEqual(['Huyện U Minh', 'U Minh']);
    expect(featureNames({ name: 'Huyện U Minh', nameEn: 'U Minh District' }, 'en')).toEqual(['U Minh District', 'U Minh']);
    expect(featureNames({ name: 'Cà Mau' }, 'en')).toEqual(['Cà Mau']);
    expect(featureNames({}, 'vi')).toEqual([]);
  });
});
