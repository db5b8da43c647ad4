import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { fitProjection } from './geo.js';
import { hasPoints, markerRadius, projectPoints } from './points.js';

const fc: FeatureCollection = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { id: 'sq' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [0, 100], [100, 100], [100, 0], [0, 0]]] } },
    { type: 'Feature', properties: { id: 'a', name: 'A' }, geometry: { type: 'Point', coordinates: [25, 75] } },
    { type: 'Feature', id: 7, properties: {}, geometry: { type: 'MultiPoint', coordinates: [[75, 25], [100, 0]] } },
    { type: 'Feature', properties: { id: 'g' }, geometry: { type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [50, 50] }] } },
  ],
};

describe('map points', () => {
  it('projects Point, MultiPoint and collected points with their keys, y up for planar files', () => {
    const proj = fitProjection(fc, { width: 100, height: 100 }, 0, false);
    const pts = projectPoints(fc, proj, 'id');
    expect(pts.map((p) => [p.key, Math.round(p.x), Math.round(p.y)])).toEqual([['a', 25, 25], ['7', 75, 75], ['7', 100, 100], ['g', 50, 50]]);
  });
  it('tells collections with points from area-only ones', () => {
    expect(hasPoints(fc)).toBe(true);
    expect(hasPoints({ ...fc, features: fc.features.slice(0, 1) })).toBe(false);
  });
  it('makes markers wider than the legible text height', () => {
    expect(markerRadius(32) * 2).toBeGreaterThanOrEqual(32);
  });
});
