/**
 * The map widget: GeoJSON areas (props.geojson under assets/) projected with d3-geo and fitted to
 * the tile, filled by a colour scale of the topic value `{ [featureKey]: number }`, with district
 * outlines, names (and values) where they fit, point features as markers in the same colours
 * (map/points.ts), a legend, and where the map leaves spare width the areas ranked by value
 * (map/ranking.ts). The GeoJSON is a static asset of our own, fetched once; hub data
 * arrives only through update().
 *
 * Everything is laid out inside the tile rect (the tile's mask is only the safety net): the fit
 * leaves a marker's radius free at the edges, the legend's rows are sized from measured text, and
 * labels and messages that do not fit are shortened or left out.
 *
 * Projection and rings are computed on load and resize; update() only refills the cached rings
 * and relabels, so a value change costs a few hundred poly() calls and no projection work.
 */
import { geoPath, type GeoPermissibleObjects, type GeoProjection } from 'd3';
import { Container, Graphics } from 'pixi.js';
import type { FeatureCollection } from 'geojson';
import type { Size } from '../../core/wall/model.js';
import type { Widget, WidgetContext, WidgetFactory } from './widget.js';
import { ALERTS_TOPIC, type TopicData } from '../store.js';
import { capShapesFrom, drawCapShapes, extentOf, isSchematic, SCHEMATIC_NOTE, type CapShape } from './map/cap-areas.js';
import { assetUrl } from './asset-url.js';
import { TileFrame } from './tile-frame.js';
import { minFontPx } from './legible-font.js';
import { formatValue } from '../../core/wall/format.js';
import { localize } from './chart/series.js';
import { type LabelStyle, TextPool } from './chart/text-pool.js';
import { FONT_FAMILY } from '../../core/page/font-faces.js';
import { colorScale, labelColorOn, mapDomain, toHex } from './map/colors.js';
import {
  featureNames, fitProjection, isLonLat, joinValues, labelAnchor, labelFits, mapDefaults, parseMapProps,
  projectFeatures, rewindForD3, type MapProps, type ProjectedFeature,
} from './map/geo.js';
import { drawLegend, fitText, legendHeight, legendWidth, lineHeight } from './map/legend.js';
import { drawRanking, rankingLayout } from './map/ranking.js';
import { drawPoints, hasPoints, markerRadius, markerRing, projectPoints, type ProjectedPoint } from './map/points.js';

export type { MapProps } from './map/geo.js';

export class MapWidget implements Widget {
  public static readonly defaults = mapDefaults;
  public readonly view = new Container();
  public readonly ready: Promise<void>;
  private readonly props: MapProps;
  private readonly fontPx: number;
  private readonly frame: TileFrame;
  private readonly body = new Container();
  /** Refilled on every update. */
  private readonly fills = new Graphics();
  /** Drawn on load and resize only: outlines do not change with values. */
  private readonly outlines = new Graphics();
  /** The shapes of open CAP warnings (map/cap-areas.ts), over the areas, under the labels. */
  private readonly capLayer = new Graphics();
  private capShapes: CapShape[] = [];
  /** Set by project() on maps in longitude/latitude: what CAP shapes need. */
  private geo: { projection: GeoProjection; extent: [[number, number], [number, number]] } | null = null;
  private readonly legend = new Graphics();
  private readonly labels = new TextPool();
  /** Point markers and their names' backing plates, above the areas and their labels. */
  private readonly markers = new Graphics();
  private readonly pointLabels = new TextPool();
  private fc: FeatureCollection | null = null;
  private features: ProjectedFeature[] = [];
  private points: ProjectedPoint[] = [];
  private values = new Map<string, number>();
  private problem: string | null = null;
  private legendBeside = false;
  /** The ranked list's rect in body px, when the map leaves room for it (set by project()). */
  private rankBox: { x: number; y: number; width: number; height: number } | null = null;
  /** The legend's rect in body px (set by project()). */
  private legendBox = { x: 0, y: 0, width: 0, height: 0 };
  private destroyed = false;

  public constructor(
    private readonly ctx: WidgetContext,
    private size: Size,
  ) {
    this.props = parseMapProps(ctx.tile.props);
    this.fontPx = minFontPx(ctx.wall);
    this.frame = new TileFrame(ctx, this.fontPx);
    this.view.label = `map:${ctx.tile.id}`;
    this.body.addChild(this.fills, this.outlines, this.capLayer, this.legend, this.labels.view, this.markers, this.pointLabels.view);
    this.view.addChild(this.frame.view, this.body);
    this.frame.layout(size);
    this.ready = this.load();
  }

  public update(data: ReadonlyMap<string, TopicData>): void {
    this.values = joinValues(this.ctx.tile.topics.map((t) => data.get(t)?.value));
    this.capShapes = capShapesFrom(data.get(ALERTS_TOPIC)?.value);
    this.redraw();
  }

  public resize(size: Size): void {
    this.size = size;
    this.frame.layout(size);
    this.project();
    this.redraw();
  }

  public destroy(): void {
    this.destroyed = true;
    this.view.destroy({ children: true });
  }

  /** Fetches the GeoJSON once. A failure shows a message in the tile rather than rejecting `ready`. */
  private async load(): Promise<void> {
    try {
      const res = await fetch(assetUrl(this.props.geojson, this.ctx.assetBase, document.baseURI));
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const raw = (await res.json()) as FeatureCollection;
      if (raw?.type !== 'FeatureCollection' || !Array.isArray(raw.features)) throw new Error('not a GeoJSON FeatureCollection');
      this.fc = isLonLat(raw) ? rewindForD3(raw) : raw;
    } catch (err) {
      this.problem = `${this.ctx.lang === 'en' ? 'Map unavailable' : 'Không tải được bản đồ'}: ${this.props.geojson} (${(err as Error).message})`;
    }
    if (this.destroyed) return;
    this.project();
    this.redraw();
  }

  /** The body below the title; the legend takes its bottom band unless it fits beside the map. */
  private get bodySize(): Size {
    return { width: this.size.width, height: Math.max(1, this.size.height - this.frame.titleHeight) };
  }

  /** Projects every feature for the current size and draws the outlines (once per size). */
  private project(): void {
    this.body.position.set(0, this.frame.titleHeight);
    this.outlines.clear();
    if (!this.fc) return;
    const f = this.fontPx;
    // The fit pads the map by a marker's radius and ring where there are points, so a marker at the
    // fit's edge stays inside (the outlines' 2 px stroke needs far less than the plain padding).
    const pad = Math.max(Math.round(f * 0.4), hasPoints(this.fc) ? markerRadius(f) + markerRing(f) + 1 : 0);
    const body = this.bodySize;
    const legendH = legendHeight(lineHeight(this.labels, this.style()), Boolean(localize(this.props.label, this.ctx.lang)));
    const margin = Math.round(f * 0.2);
    let projection = fitProjection(this.fc, body, pad);
    const [[left], [right]] = geoPath(projection).bounds(this.fc as GeoPermissibleObjects);
    const y = Math.max(0, body.height - legendH - margin);
    // A map much narrower than its tile gives the spare width to the areas ranked by value, with
    // the legend under them (map/ranking.ts); the map and the list are centred together.
    const group = rankingLayout(body, right - left + 2 * pad, f);
    this.rankBox = group.ranking ? { ...group.ranking, height: Math.max(0, y - f * 0.5) } : null;
    if (group.ranking) {
      this.legendBeside = true;
      this.legendBox = { x: group.ranking.x, y, width: group.ranking.width, height: legendH };
      projection = fitProjection(this.fc, group.map, pad, undefined, group.map);
    } else {
      // A map narrower than the tile leaves margins; the legend goes in the bottom-left one if it fits.
      this.legendBeside = left >= legendWidth(f) + f * 2;
      const x = Math.round(f * 0.5);
      this.legendBox = { x, y, width: this.legendBeside ? left - f - x : body.width - 2 * x, height: legendH };
      if (!this.legendBeside) projection = fitProjection(this.fc, { width: body.width, height: Math.max(1, y) }, pad);
    }
    this.features = projectFeatures(this.fc, projection, this.props.valueProperty);
    this.points = projectPoints(this.fc, projection, this.props.valueProperty);
    this.geo = isLonLat(this.fc) ? { projection, extent: extentOf(this.fc) } : null;
    for (const f of this.features) for (const r of [...f.outer, ...f.holes]) this.outlines.poly(r.flat(), true);
    this.outlines.stroke({ width: 2, color: this.ctx.theme.colors.background, join: 'round' });
  }

  private style(o: Partial<LabelStyle> = {}): LabelStyle {
    return { fontFamily: `${FONT_FAMILY}, sans-serif`, fontSize: this.fontPx, fill: this.ctx.theme.colors.textMuted, ...o };
  }

  private redraw(): void {
    const { theme, lang } = this.ctx;
    this.fills.clear();
    this.capLayer.clear();
    this.legend.clear();
    this.markers.clear();
    this.labels.begin();
    this.pointLabels.begin();
    if (this.problem || !this.fc) {
      const text = this.problem ?? (lang === 'en' ? 'Loading map…' : 'Đang tải bản đồ…');
      const area = this.bodySize;
      const style = this.style({ anchorX: 0.5, anchorY: 0.5 });
      this.labels.place(fitText(this.labels, text, style, area.width - this.fontPx), area.width / 2, area.height / 2, style);
      this.labels.end();
      this.pointLabels.end();
      return;
    }
    const domain = mapDomain(this.values.values(), this.props.min, this.props.max);
    const scale = colorScale(theme, domain);
    const noDataColor = toHex(theme.colors.textMuted);
    let missing = false;
    for (const f of this.features) {
      const v = f.key === undefined ? undefined : this.values.get(f.key);
      missing ||= v === undefined;
      const fill = v === undefined ? noDataColor : toHex(scale(v));
      for (const r of f.outer) this.fills.poly(r.flat(), true);
      this.fills.fill({ color: fill, alpha: v === undefined ? 0.25 : 1 });
      if (f.holes.length) {
        for (const r of f.holes) this.fills.poly(r.flat(), true);
        this.fills.cut();
      }
      this.label(f, v, v === undefined ? theme.colors.text : labelColorOn(fill, theme));
    }
    const shapes = this.geo ? drawCapShapes(this.capLayer, this.capShapes, this.geo.projection, this.geo.extent, theme) : 0;
    if (shapes && isSchematic(this.fc)) this.labels.place(SCHEMATIC_NOTE[lang], this.fontPx * 0.5, this.fontPx * 0.3, this.style());
    for (const p of this.points) missing ||= p.key === undefined || !this.values.has(p.key);
    const body = this.bodySize;
    const lb = this.legendBox;
    drawPoints(this.markers, this.pointLabels, this.points, {
      fontPx: this.fontPx, values: this.values, theme, lang, style: (o) => this.style(o),
      color: (v) => (v === undefined ? noDataColor : toHex(scale(v))),
      area: { x0: 0, y0: 0, x1: body.width, y1: this.legendBeside ? body.height : lb.y },
      avoid: this.legendBeside ? [{ x0: lb.x, y0: lb.y, x1: lb.x + lb.width, y1: lb.y + lb.height }] : [],
    });
    if (this.rankBox) {
      const areas = this.features.flatMap((f) => {
        const v = f.key === undefined ? undefined : this.values.get(f.key);
        const name = featureNames(f.properties, lang).at(-1);
        return v === undefined || !name ? [] : [{ name, value: v, color: toHex(scale(v)) }];
      });
      drawRanking(this.legend, this.labels, areas, this.rankBox, {
        fontPx: this.fontPx, lineH: Math.round(lineHeight(this.labels, this.style()) * 1.15), lang,
        decimals: this.decimals(), max: Math.max(domain[1], ...areas.map((a) => a.value)), style: (o) => this.style({ fill: theme.colors.text, ...o }),
      });
    }
    drawLegend(this.legend, this.labels, theme, {
      ...lb, fontPx: this.fontPx, lineH: lineHeight(this.labels, this.style()),
      title: localize(this.props.label, lang), domain, color: (v) => scale(v), noData: missing, noDataColor, lang,
      style: (o) => this.style(o),
    });
    this.labels.end();
    this.pointLabels.end();
  }

  /** One number style for the map's labels and its ranking: counts as whole numbers, small measures with one decimal. */
  private decimals(): number {
    const all = [...this.values.values()];
    if (all.every(Number.isInteger)) return 0;
    return Math.max(0, ...all.map(Math.abs)) < 10 ? 1 : 0;
  }

  /** The district's name, with its value underneath when both fit inside the district. */
  private label(f: ProjectedFeature, v: number | undefined, fill: string): void {
    if (!f.main) return;
    const [cx, cy] = labelAnchor(f.main);
    const nameStyle = this.style({ fill, fontWeight: '600', anchorX: 0.5, anchorY: 0.5 });
    const valueText = v === undefined ? '' : formatValue(v, this.decimals(), undefined, this.ctx.lang);
    // Short names first ("U Minh", not "Huyện U Minh"): on a district map the unit is implied, and
    // one naming style across the map reads better than prefixes that come and go with the room.
    for (const name of featureNames(f.properties, this.ctx.lang).reverse()) {
      const n = this.labels.measure(name, nameStyle);
      const val = valueText ? this.labels.measure(valueText, nameStyle) : { width: 0, height: 0 };
      if (valueText && labelFits(f.main, cx, cy, Math.max(n.width, val.width), n.height + val.height)) {
        this.labels.place(name, cx, cy - n.height / 2, nameStyle);
        this.labels.place(valueText, cx, cy + val.height / 2, { ...nameStyle, fontWeight: '400' });
        return;
      }
      if (labelFits(f.main, cx, cy, n.width, n.height)) {
        this.labels.place(name, cx, cy, nameStyle);
        return;
      }
    }
  }
}

export const createMapWidget: WidgetFactory = (ctx, size) => new MapWidget(ctx, size);
