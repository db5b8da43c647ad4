/**
 * Pure geography for the map widget: reading props and GeoJSON, fitting a projection to the tile,
 * projecting each feature into screen rings (outer rings and holes), joining topic values by a
 * feature property, and deciding where a label fits. No pixi here: unit-tested in geo.test.ts.
 */
import { geoArea, geoIdentity, geoMercator, geoPath, polygonArea, polygonCentroid, polygonContains, type GeoProjection, type GeoPermissibleObjects } from 'd3';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Localized, Size } from '../../../core/wall/model.js';

export interface MapProps {
  /** Path under assets/ of a GeoJSON FeatureCollection. */
  geojson: string;
  /** Feature property joined with the topic value's keys (default `id`). */
  valueProperty: string;
  min?: number;
  max?: number;
  /** Legend title. */
  label?: Localized;
}

export const mapDefaults = { valueProperty: 'id' } as const;

export function parseMapProps(props: Record<string, unknown>): MapProps {
  const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const out: MapProps = {
    geojson: typeof props.geojson === 'string' ? props.geojson : '',
    valueProperty: typeof props.valueProperty === 'string' && props.valueProperty ? props.valueProperty : mapDefaults.valueProperty,
  };
  const min = num(props.min);
  const max = num(props.max);
  if (min !== undefined) out.min = min;
  if (max !== undefined) out.max = max;
  if (props.label !== undefined) out.label = props.label as Localized;
  return out;
}

type Ring = [number, number][];

/** Whether every coordinate is a plausible longitude/latitude (else the file is planar/schematic). */
export function isLonLat(fc: FeatureCollection): boolean {
  let ok = true;
  const visit = (c: unknown): void => {
    if (!ok || !Array.isArray(c)) return;
    if (typeof c[0] === 'number') {
      if (Math.abs(c[0]) > 180 || Math.abs(c[1] as number) > 90) ok = false;
    } else c.forEach(visit);
  };
  for (const f of fc.features) if (f.geometry && 'coordinates' in f.geometry) visit(f.geometry.coordinates);
  return ok;
}

/**
 * d3-geo works on the sphere and takes a polygon's exterior ring to be clockwise; a ring wound the
 * other way (RFC 7946's recommendation) means "the whole globe except this", which breaks fitting
 * and fills. A polygon whose spherical area exceeds a hemisphere is reversed ring by ring.
 */
export function rewindForD3(fc: FeatureCollection): FeatureCollection {
  const fix = (rings: Ring[]): Ring[] => {
    const area = geoArea({ type: 'Polygon', coordinates: rings });
    return area > 2 * Math.PI ? rings.map((r) => [...r].reverse()) : rings;
  };
  const features = fc.features.map((f): Feature => {
    const g = f.geometry;
    if (g?.type === 'Polygon') return { ...f, geometry: { ...g, coordinates: fix(g.coordinates as Ring[]) } };
    if (g?.type === 'MultiPolygon') return { ...f, geometry: { ...g, coordinates: g.coordinates.map((p) => fix(p as Ring[])) } };
    return f;
  });
  return { ...fc, features };
}

/** Mercator for lon/lat files, a flipped identity for planar ones; fitted to `size` at `at` minus `pad`. */
export function fitProjection(fc: FeatureCollection, size: Size, pad: number, lonLat = isLonLat(fc), at = { x: 0, y: 0 }): GeoProjection {
  const extent: [[number, number], [number, number]] = [
    [at.x + pad, at.y + pad],
    [at.x + Math.max(pad + 1, size.width - pad), at.y + Math.max(pad + 1, size.height - pad)],
  ];
  const projection = lonLat ? geoMercator() : (geoIdentity().reflectY(true) as unknown as GeoProjection);
  return projection.fitExtent(extent, fc as GeoPermissibleObjects);
}

/** A feature in screen space: outer rings filled, holes cut, and where its label may go. */
export interface ProjectedFeature {
  key: string | undefined;
  properties: Record<string, unknown>;
  outer: Ring[];
  holes: Ring[];
  /** The largest outer ring (labels go inside it). */
  main: Ring | undefined;
}

/** Records geoPath output as closed rings (geoPath calls only moveTo/lineTo/closePath for areas). */
class RingRecorder {
  public rings: Ring[] = [];
  private current: Ring | null = null;
  public moveTo(x: number, y: number): void {
    this.current = [[x, y]];
    this.rings.push(this.current);
  }
  public lineTo(x: number, y: number): void {
    this.current?.push([x, y]);
  }
  public closePath(): void {
    this.current = null;
  }
  /** Points are not areas: geoPath never draws them here (projectFeatures skips them; map/points.ts draws them). */
  public arc(): void {}
}

export function featureKey(f: Feature, valueProperty: string): string | undefined {
  const v = f.properties?.[valueProperty] ?? (valueProperty === 'id' ? f.id : undefined);
  return v === undefined || v === null ? undefined : String(v);
}

/**
 * Projects every area feature. A ring inside an odd number of the feature's other rings is a hole
 * (decided by containment, not winding: projected winding depends on the projection).
 */
export function projectFeatures(fc: FeatureCollection, projection: GeoProjection, valueProperty: string): ProjectedFeature[] {
  const out: ProjectedFeature[] = [];
  for (const f of fc.features) {
    if (!f.geometry || !isArea(f.geometry)) continue;
    const rec = new RingRecorder();
    geoPath(projection, rec as unknown as CanvasRenderingContext2D)(f as GeoPermissibleObjects);
    const rings = rec.rings.filter((r) => r.length >= 3);
    const outer: Ring[] = [];
    const holes: Ring[] = [];
    rings.forEach((r, i) => {
      const depth = rings.filter((o, j) => j !== i && polygonContains(o, r[0]!)).length;
      (depth % 2 === 1 ? holes : outer).push(r);
    });
    const main = outer.reduce<Ring | undefined>((best, r) => (!best || Math.abs(polygonArea(r)) > Math.abs(polygonArea(best)) ? r : best), undefined);
    out.push({ key: featureKey(f, valueProperty), properties: f.properties ?? {}, outer, holes, main });
  }
  return out;
}

function isArea(g: Geometry): boolean {
  return g.type === 'Polygon' || g.type === 'MultiPolygon' || (g.type === 'GeometryCollection' && g.geometries.some(isArea));
}

/** Merges the topic values `{ [featureKey]: number }` of all topics (later topics win). */
export function joinValues(values: readonly unknown[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const v of values) {
    if (!v || typeof v !== 'object' || Array.isArray(v)) continue;
    for (const [k, n] of Object.entries(v as Record<string, unknown>)) {
      if (typeof n === 'number' && Number.isFinite(n)) out.set(k, n);
    }
  }
  return out;
}

/** Label anchor: the ring's centroid when inside it, else the ring's first vertex nudged inward. */
export function labelAnchor(ring: Ring): [number, number] {
  const c = polygonCentroid(ring);
  if (polygonContains(ring, c)) return c;
  // A concave ring can have its centroid outside; the midpoint of a chord through the bbox centre is a fallback.
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
  for (let x = Math.min(...xs); x <= Math.max(...xs); x += 2) if (polygonContains(ring, [x, cy])) return [x + 1, cy];
  return c;
}

/** Whether a w×h label centred on (cx, cy) lies inside the ring (its corners and edge midpoints). */
export function labelFits(ring: Ring, cx: number, cy: number, w: number, h: number): boolean {
  const hw = w / 2;
  const hh = h / 2;
  const probes: [number, number][] = [
    [cx - hw, cy - hh], [cx + hw, cy - hh], [cx - hw, cy + hh], [cx + hw, cy + hh],
    [cx, cy - hh], [cx, cy + hh], [cx - hw, cy], [cx + hw, cy],
  ];
  return probes.every((p) => polygonContains(ring, p));
}

/** A feature's display name in the wall's language, and a shorter form without the unit prefix. */
export function featureNames(p: Record<string, unknown>, lang: 'vi' | 'en'): string[] {
  const pick = (...keys: string[]): string | undefined => keys.map((k) => p[k]).find((v): v is string => typeof v === 'string' && v !== '');
  const name = (lang === 'en' ? pick('nameEn', 'name_en', 'name') : pick('name', 'ten')) ?? '';
  const short = name.replace(/^(Thành phố|Thị xã|Huyện|Quận|Phường|Xã|Tỉnh|Thị trấn)\s+/u, '').replace(/\s+(District|City|Town|Province)$/u, '');
  return short && short !== name ? [name, short] : name ? [name] : [];
}
