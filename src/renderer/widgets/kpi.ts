/**
 * A key figure with its context (../shared/DESIGN.md: "a number without a reference is
 * decoration"): the tile's title (always: it names the measure and the place, on up to two lines),
 * an optional caption under it (`label`: source, deadline; muted), the latest value as large as the
 * tile allows, and a bottom line with the change since the previous sample and the reference: the
 * `target` ("mục tiêu 95%") or else the warning threshold ("ngưỡng cảnh báo 50 mm"). A wide tile
 * also draws the trend (kpi-layout.ts). Normal values are neutral; a value past a threshold takes
 * the level's colour, a strip at the left edge and the level's shape beside the value, so it
 * reads without colour. Every text is at least the wall's legible size (legible-font.ts).
 */
import { Container, Graphics, type Text } from 'pixi.js';
import type { Localized, Size } from '../../core/wall/model.js';
import type { Widget, WidgetContext, WidgetFactory } from './widget.js';
import type { TopicData } from '../store.js';
import { colorNumber, localize, makeText, prop, textStyle } from './text-style.js';
import { TabularText } from './tabular-text.js';
import { LEVEL_SEVERITY, levelOf, parseThresholds, type Level, type Thresholds } from './chart/thresholds.js';
import { formatValue } from '../../core/wall/format.js';
import { numericValue } from './chart/series.js';
import { fitLine, minFontPx } from './legible-font.js';
import { kpiLayout, trendPoints, type KpiBoxes } from './kpi-layout.js';
import { severityMark } from './severity-mark.js';
import { parseKpiForecast, type KpiForecastProp } from './kpi-forecast.js';
import { KpiForecastView } from './kpi-forecast-view.js';

export interface KpiProps {
  unit: string;
  decimals: number;
  /** Secondary caption under the title (source, deadline); never replaces the title. */
  label?: Localized;
  thresholds?: Thresholds;
  /** The value aimed at, shown as "mục tiêu 95%" and drawn across the trend. */
  target?: number;
  /** Largest value text height in wall px; default fits the tile. */
  fontSizePx?: number;
  /** Show the topic's forecast at this horizon in the footer (kpi-forecast.ts). */
  forecast?: KpiForecastProp;
}

/** Samples the trend draws at most (the newest). */
const TREND_POINTS = 60;

export class KpiWidget implements Widget {
  public static readonly defaults = { unit: '', decimals: 0 };
  public readonly view = new Container();
  public readonly ready = Promise.resolve();
  private readonly props: KpiProps;
  private readonly frame = new Graphics();
  private readonly strip = new Graphics();
  private readonly trend = new Graphics();
  private readonly title: Text;
  private readonly caption: Text;
  /** Tabular figures: a changing value keeps its width. */
  private readonly value: TabularText;
  private readonly unit: Text;
  private readonly footer: Text;
  /** "dự báo 17:00: 62 %", right of the footer (only with props.forecast). */
  private readonly forecast: KpiForecastView | null;
  private mark: Graphics | null = null;
  private readonly fontPx: number;
  private readonly lineH: number;
  private size: Size;
  private deltaText = '';
  private history: number[] = [];
  /** The level currently shown; exposed for tests through the view's label. */
  public level: Level = 'normal';

  public constructor(private readonly ctx: WidgetContext, size: Size) {
    const p = ctx.tile.props;
    this.props = {
      unit: prop(p, 'unit', KpiWidget.defaults.unit),
      decimals: prop(p, 'decimals', KpiWidget.defaults.decimals),
      label: p.label as Localized | undefined,
      thresholds: parseThresholds(p.thresholds),
      target: typeof p.target === 'number' && Number.isFinite(p.target) ? p.target : undefined,
      fontSizePx: typeof p.fontSizePx === 'number' ? p.fontSizePx : undefined,
      forecast: parseKpiForecast(p.forecast),
    };
    this.size = size;
    this.fontPx = minFontPx(ctx.wall);
    const { colors } = ctx.theme;
    this.title = makeText(ctx.theme, localize(ctx.tile.title, ctx.lang), { size: this.fontPx, weight: 600, color: colors.text });
    this.title.label = 'title';
    this.lineH = Math.ceil(makeText(ctx.theme, 'Ẩg', { size: this.fontPx, weight: 600 }).height);
    this.caption = makeText(ctx.theme, localize(this.props.label, ctx.lang), { size: this.fontPx, weight: 600, color: colors.textMuted });
    this.caption.label = 'caption';
    this.value = new TabularText(textStyle(ctx.theme, { size: this.valuePx(), weight: 700 }), '–');
    this.unit = makeText(ctx.theme, this.props.unit, { size: this.unitPx(), weight: 600, color: colors.textMuted });
    this.footer = makeText(ctx.theme, '', { size: this.fontPx, weight: 600, color: colors.textMuted });
    this.footer.label = 'footer';
    this.forecast = this.props.forecast ? new KpiForecastView(ctx, this.props.forecast, this.props, this.fontPx) : null;
    this.value.anchor.set(0, 0.5);
    this.unit.anchor.set(0, 0.5);
    this.view.label = `kpi:${ctx.tile.id}`;
    this.value.label = 'value';
    this.view.addChild(this.frame, this.strip, this.trend, this.title, this.caption, this.value, this.unit, this.footer);
    if (this.forecast) this.view.addChild(this.forecast.text);
    this.layout();
  }

  private valuePx(): number {
    const fit = Math.round(Math.min(this.size.height * 0.5, this.size.width * 0.22));
    return Math.max(this.fontPx, this.props.fontSizePx ?? fit);
  }

  /** The unit beside the value: smaller, but never under the legible size. */
  private unitPx(): number {
    return Math.max(this.fontPx, Math.round(this.valuePx() * 0.4));
  }

  public update(data: ReadonlyMap<string, TopicData>): void {
    const d = this.ctx.tile.topics[0] === undefined ? undefined : data.get(this.ctx.tile.topics[0]);
    const v = numericValue(d?.value);
    const { decimals, unit } = this.props;
    const text = v === undefined ? '–' : formatValue(v, decimals, undefined, this.ctx.lang);
    if (this.value.text !== text) this.value.text = text;
    const samples = (d?.history ?? []).slice(-TREND_POINTS).map((h) => numericValue(h.value));
    this.history = samples.filter((x): x is number => x !== undefined);
    const prev = d && d.history.length >= 2 ? numericValue(d.history[d.history.length - 2]?.value) : undefined;
    this.deltaText = '';
    if (v !== undefined && prev !== undefined) {
      // Compared as shown: a change hidden by rounding reads as no change.
      const step = 10 ** -decimals;
      const diff = Math.round((v - prev) / step) * step;
      const arrow = diff > 0 ? '▲' : diff < 0 ? '▼' : '=';
      this.deltaText = diff === 0 ? arrow : `${arrow} ${formatValue(Math.abs(diff), decimals, unit, this.ctx.lang)}`;
    }
    this.setLevel(v === undefined ? 'normal' : levelOf(v, this.props.thresholds));
    this.forecast?.update(d);
    this.layout();
  }

  /** The forecast line moves with time (its horizon, its staleness): re-read now and then without new data. */
  public tick(now: number): void {
    if (this.forecast?.refresh(now)) this.layout();
  }

  /** "mục tiêu 95%", else the first threshold crossed ("ngưỡng cảnh báo 50 mm"), else ''. */
  private referenceText(): string {
    const { target, thresholds, decimals, unit } = this.props;
    const vi = this.ctx.lang === 'vi';
    // A round reference reads round ("mục tiêu 8%", not "8,00%") whatever the value's decimals.
    const show = (v: number): string => formatValue(v, Number.isInteger(v) ? 0 : decimals, unit, this.ctx.lang);
    if (target !== undefined) return `${vi ? 'mục tiêu' : 'target'} ${show(target)}`;
    if (thresholds?.warning !== undefined) return `${vi ? 'ngưỡng cảnh báo' : 'warning at'} ${show(thresholds.warning)}`;
    return '';
  }

  private setLevel(level: Level): void {
    this.level = level;
    const { theme } = this.ctx;
    const color = level === 'normal' ? theme.colors.text : theme.severity[LEVEL_SEVERITY[level]];
    this.value.style.fill = color;
    this.strip.clear();
    if (level !== 'normal') this.strip.rect(0, 0, Math.max(6, this.fontPx / 4), this.size.height).fill(colorNumber(color));
    this.mark?.destroy();
    this.mark = level === 'normal' ? null : severityMark(theme, LEVEL_SEVERITY[level], Math.round(this.fontPx * 0.9));
    if (this.mark) this.view.addChild(this.mark);
  }

  public resize(size: Size): void {
    this.size = size;
    this.value.style.fontSize = this.valuePx();
    this.value.refresh();
    this.unit.style.fontSize = this.unitPx();
    this.setLevel(this.level);
    this.layout();
  }

  /** Lines the title needs at `width`: 1 when it fits, 2 when wrapping fits it in two, else 1 shortened. */
  private titleLines(width: number): number {
    const full = localize(this.ctx.tile.title, this.ctx.lang);
    if (!full) return 0;
    this.title.text = full;
    this.title.style.wordWrap = false;
    if (this.title.width <= width) return 1;
    this.title.style.wordWrap = true;
    this.title.style.wordWrapWidth = width;
    return this.title.height <= this.lineH * 2.2 ? 2 : 1;
  }

  private layout(): void {
    const { width, height } = this.size;
    const { theme } = this.ctx;
    this.frame.clear().rect(0, 0, width, height).fill(colorNumber(theme.colors.surface));
    const pad = Math.round(this.fontPx * 0.4);
    const lines = this.titleLines(width - pad * 2);
    const box = kpiLayout({ width, height, fontPx: this.fontPx, lineH: this.lineH, titleLines: lines, hasCaption: Boolean(this.caption.text) });
    if (box.title) {
      this.title.position.set(box.title.x, box.title.y);
      if (box.title.height < this.lineH * 2) fitLine(this.title, [localize(this.ctx.tile.title, this.ctx.lang)], box.title.width);
    }
    this.title.visible = box.title !== null;
    this.caption.visible = box.caption !== null;
    if (box.caption) {
      fitLine(this.caption, [localize(this.props.label, this.ctx.lang)], box.caption.width);
      this.caption.position.set(box.caption.x, box.caption.y);
    }
    const reference = this.referenceText();
    const both = [this.deltaText, reference].filter(Boolean).join(' · ');
    this.footer.visible = box.footer.height > 0;
    // The forecast keeps its place at the right; the change and reference take what is left.
    const room = box.footer.width - (this.forecast?.place(box.footer, this.footer.visible) ?? 0);
    fitLine(this.footer, [both, reference || this.deltaText, this.deltaText, ''], Math.max(0, room));
    this.footer.position.set(box.footer.x, box.footer.y);
    this.placeValue(box);
    this.drawTrend(box);
  }

  /** The value and unit centred in their band, scaled down to fit it, never under the legible size. */
  private placeValue(box: KpiBoxes): void {
    const band = box.value;
    this.value.scale.set(1);
    this.unit.scale.set(1);
    const gap = this.props.unit ? Math.round(this.valuePx() * 0.15) : 0;
    const floor = this.fontPx / this.valuePx();
    // On a tile too narrow for the level's shape beside the value, strip and colour carry the level.
    const bare = (this.value.width + gap + this.unit.width) * floor;
    if (this.mark) this.mark.visible = bare + this.mark.width + box.pad <= band.width;
    const markW = this.mark?.visible ? this.mark.width + box.pad : 0;
    const natural = { width: markW + this.value.width + gap + this.unit.width, height: this.value.height };
    const fit = Math.max(floor, Math.min(1, band.width / Math.max(1, natural.width), band.height / Math.max(1, natural.height)));
    this.value.scale.set(fit);
    this.unit.scale.set(Math.max(fit, this.fontPx / this.unitPx()));
    const total = markW + this.value.width + gap * fit + this.unit.width;
    // A wide tile keeps the value at the left, beside its trend; otherwise it is centred.
    const left = box.trend ? band.x : band.x + (band.width - total) / 2;
    const mid = band.y + band.height / 2;
    if (this.mark) this.mark.position.set(left, mid - this.mark.height / 2);
    this.value.position.set(left + markW, mid);
    this.unit.position.set(left + markW + this.value.width + gap * fit, mid + this.value.height * 0.18);
  }

  /** The recent samples as a neutral line, the target across them, the latest sample as a dot. */
  private drawTrend(box: KpiBoxes): void {
    this.trend.clear();
    if (!box.trend) return;
    const { theme } = this.ctx;
    const r = { ...box.trend, y: box.trend.y + this.fontPx * 0.2, height: box.trend.height - this.fontPx * 0.4 };
    const { points, refY } = trendPoints(this.history, r, this.props.target);
    if (refY !== null) {
      for (let x = r.x; x < r.x + r.width; x += this.fontPx * 0.6) this.trend.moveTo(x, refY).lineTo(Math.min(x + this.fontPx * 0.3, r.x + r.width), refY);
      this.trend.stroke({ width: 2, color: colorNumber(theme.colors.textMuted) });
    }
    if (points.length < 2) return;
    this.trend.moveTo(points[0]![0], points[0]![1]);
    for (const [x, y] of points.slice(1)) this.trend.lineTo(x, y);
    this.trend.stroke({ width: Math.max(3, this.fontPx / 12), color: colorNumber(theme.colors.textMuted), join: 'round' });
    const [lx, ly] = points[points.length - 1]!;
    this.trend.circle(lx, ly, this.fontPx / 6).fill(this.value.style.fill as string);
  }

  public destroy(): void {
    this.view.destroy({ children: true });
  }
}

export const createKpi: WidgetFactory = (ctx, size) => new KpiWidget(ctx, size);
