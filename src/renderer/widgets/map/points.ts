/**
 * Point features on the map (incidents, cameras, stations): GeoJSON Point and MultiPoint geometries
 * (also inside a GeometryCollection) drawn as round markers coloured like the areas, by the topic
 * value joined on the feature key, with the no-data colour otherwise, and a name beside the marker
 * where it fits inside the map's body without covering another point's marker or name.
 *
 * The marker is as wide as the wall's legible text height (legibleTextPx) and a little more: a dot
 * a viewer cannot read as a symbol at the wall's viewing distance tells nothing. It is ringed in the
 * background colour so it stands out on an area filled in the same colour as itself.
 */
import type { GeoProjection } from 'd3';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import type { Graphics } from 'pixi.js';
import type { Theme } from '../../../core/wall/model.js';
import type { LabelStyle, TextPool } from '../chart/text-pool.js';
import { featureKey, featureNames } from './geo.js';

/** One marker in body px. A MultiPoint feature gives one per position, sharing key and name. */
export interface ProjectedPoint {
  key: string | undefined;
  properties: Record<string, unknown>;
  x: number;
  y: number;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Marker radius for the map's text size (the legible text height). */
export function markerRadius(fontPx: number): number {
  return Math.round(fontPx * 0.6);
}

/** Width of the ring around a marker. */
export function markerRing(fontPx: number): number {
  return Math.max(2, Math.round(fontPx * 0.08));
}

/** Whether the collection has any point features (the fit then keeps a marker's radius free at the edges). */
export function hasPoints(fc: FeatureCollection): boolean {
  return fc.features.some((f) => f.geometry && positions(f.geometry).length > 0);
}

function positions(g: Geometry): Position[] {
  if (g.type === 'Point') return [g.coordinates];
  if (g.type === 'MultiPoint') return g.coordinates;
  if (g.type === 'GeometryCollection') return g.geometries.flatMap(positions);
  return [];
}

/** Projects every point position; ones the projection cannot place (off its clip) are left out. */
export function projectPoints(fc: FeatureCollection, projection: GeoProjection, valueProperty: string): ProjectedPoint[] {
  const out: ProjectedPoint[] = [];
  for (const f of fc.features as Feature[]) {
    if (!f.geometry) continue;
    for (const p of positions(f.geometry)) {
      const xy = projection([p[0]!, p[1]!]);
      if (!xy || !Number.isFinite(xy[0]) || !Number.isFinite(xy[1])) continue;
      out.push({ key: featureKey(f, valueProperty), properties: f.properties ?? {}, x: xy[0], y: xy[1] });
    }
  }
  return out;
}

export interface PointsSpec {
  fontPx: number;
  /** The colour of a value (hex), or undefined for none. */
  color: (v: number | undefined) => string;
  values: ReadonlyMap<string, number>;
  theme: Theme;
  lang: 'vi' | 'en';
  /** Where labels may go (the body's map area). */
  area: Box;
  /** Regions labels must not cover (the legend). */
  avoid: Box[];
  style: (o?: Partial<LabelStyle>) => LabelStyle;
}

/** Draws the markers into `g` and their names into `labels` (between the caller's begin() and end()). */
export function drawPoints(g: Graphics, labels: TextPool, points: readonly ProjectedPoint[], s: PointsSpec): void {
  const r = markerRadius(s.fontPx);
  const ring = markerRing(s.fontPx);
  const taken: Box[] = [...s.avoid, ...points.map((p) => ({ x0: p.x - r - ring, y0: p.y - r - ring, x1: p.x + r + ring, y1: p.y + r + ring }))];
  for (const p of points) {
    const v = p.key === undefined ? undefined : s.values.get(p.key);
    g.circle(p.x, p.y, r).fill(s.color(v)).stroke({ width: ring, color: s.theme.colors.background, alignment: 0 });
  }
  const style = s.style({ fill: s.theme.colors.text, fontWeight: '600', anchorY: 0.5 });
  const pad = Math.round(s.fontPx * 0.15);
  for (const p of points) {
    // The short name ("Gành Hào", not "Trạm Gành Hào"): beside a marker the kind is implied.
    const name = featureNames(p.properties, s.lang).at(-1);
    if (!name) continue;
    const size = labels.measure(name, style);
    const w = size.width + pad * 2;
    const h = size.height;
    const gap = r + ring + Math.round(s.fontPx * 0.2);
    // Right of the marker first, then left.
    const box = [p.x + gap, p.x - gap - w]
      .map((x0) => ({ x0, y0: p.y - h / 2, x1: x0 + w, y1: p.y + h / 2 }))
      .find((b) => inside(b, s.area) && !taken.some((t) => overlaps(b, t)));
    if (!box) continue;
    taken.push(box);
    // A backing plate in the background colour: the name reads on any area fill.
    g.roundRect(box.x0, box.y0, w, h, pad).fill({ color: s.theme.colors.background, alpha: 0.7 });
    labels.place(name, box.x0 + pad, p.y, style);
  }
}

function inside(b: Box, a: Box): boolean {
  return b.x0 >= a.x0 && b.y0 >= a.y0 && b.x1 <= a.x1 && b.y1 <= a.y1;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}
