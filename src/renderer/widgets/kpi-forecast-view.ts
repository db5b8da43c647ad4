/** The KPI's forecast line on the wall (kpi-forecast.ts says what it reads). */
import type { Text } from 'pixi.js';
import { LEVEL_SEVERITY, type Level, type Thresholds } from './chart/thresholds.js';
import type { TopicData } from '../store.js';
import type { WidgetContext } from './widget.js';
import { fitLine } from './legible-font.js';
import { makeText } from './text-style.js';
import { kpiForecastLine, type KpiForecastProp } from './kpi-forecast.js';

/** How often the line is re-read without new data: its horizon and staleness move with time. */
const REFRESH_MS = 15_000;

/** The KPI's forecast line as a pixi Text (label `forecast`), right-aligned in the footer row. */
export class KpiForecastView {
  public readonly text: Text;
  /** The level the forecast reaches at the horizon; tests read it. */
  public level: Level = 'normal';
  private drawnAt = -Infinity;
  private data: TopicData | undefined;

  public constructor(
    private readonly ctx: WidgetContext,
    private readonly prop: KpiForecastProp,
    private readonly format: { decimals: number; unit: string; thresholds?: Thresholds },
    fontPx: number,
  ) {
    this.text = makeText(ctx.theme, '', { size: fontPx, weight: 600, color: ctx.theme.colors.textMuted });
    this.text.label = 'forecast';
    this.text.anchor.set(1, 0);
  }

  public update(d: TopicData | undefined): void {
    this.data = d;
    const { theme, lang, wall } = this.ctx;
    this.drawnAt = this.ctx.now();
    const { decimals, unit, thresholds } = this.format;
    const line = kpiForecastLine(this.prop, d?.forecast, { now: this.drawnAt, tz: wall.timezone, lang, decimals, unit, ...(thresholds ? { thresholds } : {}) });
    this.text.text = line.text;
    this.text.style.fill = line.level === 'normal' ? theme.colors.textMuted : theme.severity[LEVEL_SEVERITY[line.level]];
    this.level = line.level;
  }

  /** Re-reads the line when REFRESH_MS passed since it was drawn; whether it did. */
  public refresh(now: number): boolean {
    if (now < this.drawnAt + REFRESH_MS) return false;
    this.update(this.data);
    return true;
  }

  /** Places the line at the right of `box` (fitted to it); the width it takes (0 when hidden). */
  public place(box: { x: number; y: number; width: number }, visible: boolean): number {
    this.text.visible = visible;
    if (!visible) return 0;
    fitLine(this.text, [this.text.text], box.width);
    this.text.position.set(box.x + box.width, box.y);
    return this.text.width + this.text.style.fontSize * 0.8;
  }
}
