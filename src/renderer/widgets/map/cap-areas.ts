/**
 * The shapes of open CAP warnings on a map tile (docs/automation.md "CAP", Alert.areas): polygons
 * outlined and lightly filled, circles as rings of their radius, in the alert's severity colour.
 * A shape is drawn only where the map's extent contains it whole (a warning for another province
 * is not smeared over this one's edge), and only on maps in longitude/latitude. CAP writes points
 * [lat, lon]; the projection takes [lon, lat].
 *
 * The demo's map is schematic (its GeoJSON says so in `description`): a CAP polygon on it shows
 * roughly where, not exactly, and the tile says so under the shapes.
 */
import { geoBounds, type GeoPermissibleObjects, type GeoProjection } from 'd3';
import type { FeatureCollection } from 'geojson';
import type { Graphics } from 'pixi.js';
import type { AlertAreas } from '../../../core/protocol/alerts.js';
import type { Severity, Theme } from '../../../core/wall/model.js';

export interface CapShape {
  id: string;
  severity: Severity;
  areas: AlertAreas;
}

/** [[west, south], [east, north]] in degrees. */
export type Extent = [[number, number], [number, number]];

/** Kilometres per degree of latitude (mean). */
const KM_PER_DEGREE = 111.32;

export const SCHEMATIC_NOTE = {
  vi: 'Sơ đồ minh hoạ: vùng cảnh báo CAP chỉ gần đúng',
  en: 'Schematic map: CAP warning areas are approximate',
} as const;

/** The open alerts that carry CAP shapes, from the wall's alert list. */
export function capShapesFrom(alerts: unknown): CapShape[] {
  if (!Array.isArray(alerts)) return [];
  return (alerts as (CapShape & { state?: string })[]).filter((a) => a.areas && a.state !== 'cleared');
}

export function extentOf(fc: FeatureCollection): Extent {
  return geoBounds(fc as GeoPermissibleObjects) as Extent;
}

/** Whether the map's GeoJSON says it is schematic (not survey data). */
export function isSchematic(fc: FeatureCollection): boolean {
  const d = (fc as { description?: unknown }).description;
  return typeof d === 'string' && /schematic|sơ đồ minh hoạ/i.test(d);
}

const inside = (e: Extent, lat: number, lon: number): boolean => lon >= e[0][0] && lon <= e[1][0] && lat >= e[0][1] && lat <= e[1][1];

/** Draws every shape the extent contains; returns how many it drew. */
export function drawCapShapes(g: Graphics, shapes: readonly CapShape[], projection: GeoProjection, extent: Extent, theme: Theme): number {
  g.clear();
  let drawn = 0;
  for (const s of shapes) {
    const color = theme.severity[s.severity] ?? theme.colors.text;
    for (const ring of s.areas.polygons) {
      if (!ring.every(([lat, lon]) => inside(extent, lat, lon))) continue;
      const points = ring.flatMap(([lat, lon]) => projection([lon, lat]) ?? []);
      if (points.length < 6) continue;
      g.poly(points, true).fill({ color, alpha: 0.18 }).stroke({ width: 3, color, join: 'round' });
      drawn++;
    }
    for (const c of s.areas.circles) {
      const dLat = c.radiusKm / KM_PER_DEGREE;
      const dLon = dLat / Math.max(0.01, Math.cos((c.lat * Math.PI) / 180));
      if (!inside(extent, c.lat - dLat, c.lon - dLon) || !inside(extent, c.lat + dLat, c.lon + dLon)) continue;
      const centre = projection([c.lon, c.lat]);
      const north = projection([c.lon, c.lat + dLat]);
      if (!centre || !north) continue;
      const r = Math.max(4, Math.abs(centre[1] - north[1]));
      g.circle(centre[0], centre[1], r).fill({ color, alpha: 0.12 }).stroke({ width: 3, color });
      drawn++;
    }
  }
  return drawn;
}
