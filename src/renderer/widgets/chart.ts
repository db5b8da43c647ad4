/**
 * The chart widget: line, area, bar, gauge and sparkline charts drawn with d3 scales and shapes
 * straight into pixi Graphics (see chart/path-adapter.ts), so charts share the GPU surface with
 * video. One Graphics and one label pool per tile, cleared and redrawn only in update() and
 * resize(); nothing happens per frame.
 */
import { Container, Graphics } from 'pixi.js';
import { TileFrame } from './tile-frame.js';
import type { Size } from '../../core/wall/model.js';
import type { Widget, WidgetContext, WidgetFactory } from './widget.js';
import type { TopicData } from '../store.js';
import { drawBarChart } from './chart/draw-bar.js';
import { drawGauge } from './chart/draw-gauge.js';
import { drawLineChart } from './chart/draw-line.js';
import { type DrawEnv, makeEnv } from './chart/env.js';
import { legibleTextPx } from './chart/scales.js';
import { barGroups, chartDefaults, localize, numericValue, parseChartProps, topicSamples, type ChartProps } from './chart/series.js';
import { TextPool } from './chart/text-pool.js';

export type { ChartProps } from './chart/series.js';

export class ChartWidget implements Widget {
  public static readonly defaults = chartDefaults;
  public readonly view = new Container();
  public readonly ready: Promise<void>;
  private readonly ctx: WidgetContext;
  private readonly props: ChartProps;
  private readonly g = new Graphics();
  /** Gauges only: a Graphics at the dial's centre, since d3's arc generator draws around (0,0). */
  private readonly dial: Graphics | undefined;
  private readonly labels = new TextPool();
  /** Tile background and title; the plot sits below the title in `body`. */
  private readonly frame: TileFrame;
  private readonly body = new Container();
  private readonly env: DrawEnv;
  private data: ReadonlyMap<string, TopicData> = new Map();
  private size: Size;
  private drawnAt = -Infinity;

  public constructor(ctx: WidgetContext, size: Size) {
    this.ctx = ctx;
    this.size = size;
    this.props = parseChartProps(ctx.tile.props);
    this.view.label = `chart:${ctx.tile.id}`;
    const fontPx = legibleTextPx(ctx.wall);
    this.frame = new TileFrame(ctx, fontPx);
    this.view.addChild(this.frame.view, this.body);
    this.body.addChild(this.g);
    if (this.props.kind === 'gauge') {
      this.dial = new Graphics();
      this.body.addChild(this.dial);
    }
    this.body.addChild(this.labels.view);
    this.env = makeEnv(this.g, this.labels, ctx.theme, this.props, ctx.lang, ctx.wall.timezone, fontPx);
    this.frame.layout(size);
    this.redraw();
    // Axes and the "no data" message are meaningful on their own: ready as soon as drawn.
    this.ready = Promise.resolve();
  }

  public update(data: ReadonlyMap<string, TopicData>): void {
    this.data = data;
    this.redraw();
  }

  /** With a forecast the "now" marker and its staleness move with time: redrawn every 15 s without new data. */
  public tick(now: number): void {
    if (now < this.drawnAt + 15_000 || ![...this.data.values()].some((d) => d.forecast)) return;
    this.redraw();
  }

  public resize(size: Size): void {
    this.size = size;
    this.frame.layout(size);
    this.redraw();
  }

  public destroy(): void {
    this.labels.destroy();
    this.frame.destroy();
    this.view.destroy({ children: true });
  }

  private redraw(): void {
    const { ctx, props, env } = this;
    this.drawnAt = ctx.now();
    const topics = ctx.tile.topics;
    const names = topics.map((_, i) => localize(props.series[i], ctx.lang));
    this.g.clear();
    this.dial?.clear();
    env.adapter.retarget(this.g);
    this.labels.begin();
    const titleH = this.frame.titleHeight;
    this.body.position.set(0, titleH);
    const size = { width: this.size.width, height: this.size.height - titleH };
    if (size.width > 0 && size.height > 0) {
      switch (props.kind) {
        case 'bar':
          drawBarChart(env, size, barGroups(topics, this.data, names), names);
          break;
        case 'gauge': {
          const first = topics[0] === undefined ? undefined : this.data.get(topics[0]);
          drawGauge(env, this.dial!, size, numericValue(first?.value), names[0] ?? '');
          break;
        }
        default: {
          const series = topics.map((t, i) => {
            const d = this.data.get(t);
            return { name: names[i] ?? '', samples: topicSamples(d), ...(d?.forecast ? { forecast: d.forecast } : {}) };
          });
          drawLineChart(env, size, series, ctx.now());
        }
      }
    }
    this.labels.end();
  }
}

export const createChartWidget: WidgetFactory = (ctx, size) => new ChartWidget(ctx, size);
