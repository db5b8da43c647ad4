/**
 * A key figure: the tile's title (always: it names the measure and the place), an optional
 * caption under it (`label`: source, deadline; smaller and muted), the latest value with its unit,
 * the change since the previous sample, and the value coloured by its threshold level (the same
 * levels and colours as charts use). Title and caption are separate: nine tiles sharing one
 * caption still read as nine different measures.
 */
import { Container, Graphics, type Text } from 'pixi.js';
import type { Localized, Size } from '../../core/wall/model.js';
import type { Widget, WidgetContext, WidgetFactory } from './widget.js';
import type { TopicData } from '../store.js';
import { colorNumber, localize, makeText, prop, textStyle } from './text-style.js';
import { TabularText } from './tabular-text.js';
import { LEVEL_SEVERITY, levelOf, parseThresholds, type Level, type Thresholds } from './chart/thresholds.js';
import { legibleTextPx } from './chart/scales.js';
import { formatValue } from '../../core/wall/format.js';
import { numericValue } from './chart/series.js';

export interface KpiProps {
  unit: string;
  decimals: number;
  /** Secondary caption under the title (source, deadline); never replaces the title. */
  label?: Localized;
  thresholds?: Thresholds;
  /** Value text height in wall px; default fits the tile. */
  fontSizePx?: number;
}

/** The most of the tile's height the title may take; the rest is the caption's, the value's and the change line's. */
const TITLE_SHARE = 0.3;
/** The most the caption may take. */
const CAPTION_SHARE = 0.16;
/** The title is this much larger than the legible minimum the caption is drawn at. */
const TITLE_SCALE = 1.2;

export class KpiWidget implements Widget {
  public static readonly defaults = { unit: '', decimals: 0 };
  public readonly view = new Container();
  public readonly ready = Promise.resolve();
  private readonly props: KpiProps;
  private readonly frame = new Graphics();
  private readonly strip = new Graphics();
  private readonly title: Text;
  private readonly caption: Text;
  /** Tabular figures: a changing value keeps its width. */
  private readonly value: TabularText;
  private readonly unit: Text;
  private readonly delta: Text;
  private readonly fontPx: number;
  private size: Size;
  /** The level currently shown; exposed for tests through the view's label. */
  public level: Level = 'normal';

  public constructor(private readonly ctx: WidgetContext, size: Size) {
    const p = ctx.tile.props;
    this.props = {
      unit: prop(p, 'unit', KpiWidget.defaults.unit),
      decimals: prop(p, 'decimals', KpiWidget.defaults.decimals),
      label: p.label as Localized | undefined,
      thresholds: parseThresholds(p.thresholds),
      fontSizePx: typeof p.fontSizePx === 'number' ? p.fontSizePx : undefined,
    };
    this.size = size;
    this.fontPx = legibleTextPx(ctx.wall);
    const { colors } = ctx.theme;
    this.title = makeText(ctx.theme, localize(ctx.tile.title, ctx.lang), {
      size: Math.round(this.fontPx * TITLE_SCALE),
      weight: 600,
      color: colors.text,
    });
    this.title.label = 'title';
    this.caption = makeText(ctx.theme, localize(this.props.label, ctx.lang), { size: this.fontPx, weight: 600, color: colors.textMuted });
    this.caption.label = 'caption';
    this.value = new TabularText(textStyle(ctx.theme, { size: this.valuePx(), weight: 700 }), '–');
    this.unit = makeText(ctx.theme, this.props.unit, { size: Math.round(this.valuePx() * 0.4), weight: 600, color: colors.textMuted });
    this.delta = makeText(ctx.theme, '', { size: this.fontPx, color: colors.textMuted });
    this.value.anchor.set(0, 0.5);
    this.unit.anchor.set(0, 0.5);
    this.delta.anchor.set(0.5, 0);
    this.view.label = `kpi:${ctx.tile.id}`;
    this.value.label = 'value';
    this.view.addChild(this.frame, this.strip, this.title, this.caption, this.value, this.unit, this.delta);
    this.layout();
  }

  private valuePx(): number {
    return this.props.fontSizePx ?? Math.max(this.fontPx, Math.round(Math.min(this.size.height * 0.38, this.size.width * 0.22)));
  }

  public update(data: ReadonlyMap<string, TopicData>): void {
    const d = this.ctx.tile.topics[0] === undefined ? undefined : data.get(this.ctx.tile.topics[0]);
    const v = numericValue(d?.value);
    const { decimals, unit } = this.props;
    const text = v === undefined ? '–' : formatValue(v, decimals, undefined, this.ctx.lang);
    if (this.value.text !== text) this.value.text = text;
    const prev = d && d.history.length >= 2 ? numericValue(d.history[d.history.length - 2]?.value) : undefined;
    let deltaText = '';
    if (v !== undefined && prev !== undefined) {
      // Compared as shown: a change hidden by rounding reads as no change.
      const step = 10 ** -decimals;
      const diff = Math.round((v - prev) / step) * step;
      const arrow = diff > 0 ? '▲' : diff < 0 ? '▼' : '=';
      deltaText = diff === 0 ? arrow : `${arrow} ${formatValue(Math.abs(diff), decimals, unit, this.ctx.lang)}`;
    }
    if (this.delta.text !== deltaText) this.delta.text = deltaText;
    this.setLevel(v === undefined ? 'normal' : levelOf(v, this.props.thresholds));
    this.layout();
  }

  private setLevel(level: Level): void {
    this.level = level;
    const { theme } = this.ctx;
    const color = level === 'normal' ? theme.colors.text : theme.severity[LEVEL_SEVERITY[level]];
    this.value.style.fill = color;
    this.strip.clear();
    if (level !== 'normal') this.strip.rect(0, 0, Math.max(6, this.fontPx / 4), this.size.height).fill(colorNumber(color));
  }

  public resize(size: Size): void {
    this.size = size;
    this.value.style.fontSize = this.valuePx();
    this.value.refresh();
    this.unit.style.fontSize = Math.round(this.valuePx() * 0.4);
    this.setLevel(this.level);
    this.layout();
  }

  /**
   * Title at the top, the change line at the bottom, the value centred in what is left: shrunk
   * (sprite scale, no re-rasterising) to fit that band's height as well as the tile's width, so
   * nothing reaches past the tile however small it is next to the legible text size.
   */
  private layout(): void {
    const { width, height } = this.size;
    this.frame.clear().rect(0, 0, width, height).fill(colorNumber(this.ctx.theme.colors.surface));
    const pad = Math.round(this.fontPx * 0.6);
    this.title.position.set(pad, Math.round(pad * 0.5));
    fitText(this.title, Math.max(10, width - pad * 2), height * TITLE_SHARE);
    const titleBottom = this.title.text ? this.title.y + this.title.height : pad * 0.25;
    this.caption.position.set(pad, Math.round(titleBottom + pad * 0.1));
    fitText(this.caption, Math.max(10, width - pad * 2), height * CAPTION_SHARE);
    const headBottom = this.caption.text ? this.caption.y + this.caption.height : titleBottom;
    this.value.scale.set(1);
    this.unit.scale.set(1);
    const gap = this.props.unit ? Math.round(this.valuePx() * 0.15) : 0;
    const natural = { width: this.value.width + gap + this.unit.width, height: this.value.height };
    // The change line's room is kept while it is empty, so the value does not jump when it appears.
    const deltaHeight = Math.round(this.fontPx * 1.25);
    const top = this.title.text || this.caption.text ? headBottom + pad * 0.25 : pad * 0.5;
    const bottom = height - pad * 0.25 - deltaHeight - pad * 0.25;
    const band = Math.max(1, bottom - top);
    const fit = Math.min(1, (width - pad * 2) / Math.max(1, natural.width), band / Math.max(1, natural.height));
    this.value.scale.set(fit);
    this.unit.scale.set(fit);
    const left = (width - natural.width * fit) / 2;
    const mid = top + band / 2;
    this.value.position.set(left, mid);
    this.unit.position.set(left + (this.value.width + gap * fit), mid + this.value.height * 0.18);
    this.delta.position.set(width / 2, mid + this.value.height / 2 + pad * 0.25);
  }

  public destroy(): void {
    this.view.destroy({ children: true });
  }
}

/**
 * Wraps `text` to `maxWidth`; a text taller than `maxHeight` (a long name on a small tile) is drawn
 * smaller and wrapped wider in its own units, until it fits, rather than pushing the value out of
 * the tile.
 */
function fitText(text: Text, maxWidth: number, maxHeight: number): void {
  text.style.wordWrap = true;
  let scale = 1;
  for (let i = 0; i < 4; i++) {
    text.scale.set(scale);
    text.style.wordWrapWidth = maxWidth / scale;
    if (text.height <= maxHeight) return;
    scale *= Math.max(0.5, Math.sqrt(maxHeight / text.height));
  }
}

export const createKpi: WidgetFactory = (ctx, size) => new KpiWidget(ctx, size);
