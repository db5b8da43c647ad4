/**
 * One tile on the wall: a container at the tile's wall rect holding its widget, plus the stale
 * badge, clipped to the tile's rect (a long title, a chart's labels or a map never paint over a
 * neighbour: TileClip). Owns the widget's lifecycle and the bookkeeping the debug hook reports.
 */
import { Container, Graphics, type Text } from 'pixi.js';
import type { Rect, Tile } from '../../core/wall/model.js';
import type { TileDebugState, TopicDebugState } from '../../core/page/debug-hook.js';
import type { Widget, WidgetContext } from '../widgets/widget.js';
import { widgetFactory } from '../widgets/registry.js';
import { placeholder } from '../widgets/placeholder.js';
import { colorNumber, makeText } from '../widgets/text-style.js';
import { isStale } from '../freshness.js';
import { formatAge } from '../../core/wall/format.js';
import { FRESHNESS_TERMS } from '../../core/wall/vocabulary.js';
import { ALERTS_TOPIC, type Store, type TopicData } from '../store.js';
import { TileClip } from './tile-clip.js';
import { drawnTexts } from './drawn-texts.js';
import { WebFrame } from '../web/web-frame.js';


/** Widgets that show the active alerts receive the alerts pseudo-topic as well as their own. */
const ALERT_WIDGETS = new Set(['ticker', 'alert-list', 'map']); // a map draws CAP warnings' shapes

/** A topic's history as the debug state summarises it (tests check a chart's sources and range). */
function topicDebug(d: TopicData): TopicDebugState {
  const sources: TopicDebugState['sources'] = [];
  let min: number | null = null;
  let max: number | null = null;
  for (const h of d.history) {
    if (h.source && !sources.includes(h.source)) sources.push(h.source);
    if (typeof h.value === 'number') {
      min = min === null ? h.value : Math.min(min, h.value);
      max = max === null ? h.value : Math.max(max, h.value);
    }
  }
  const first = d.history[0];
  const last = d.history[d.history.length - 1];
  return { topic: d.topic, points: d.history.length, sources, from: first?.t ?? null, to: last?.t ?? null, min, max };
}

export class TileView {
  public readonly container = new Container();
  public readonly topics: string[];
  public widget: Widget;
  public isPlaceholder: boolean;
  public ready = false;
  public stale = false;
  /** A topic of the tile is on the hub's late list. */
  public late = false;
  public lastUpdate: number | null = null;
  public updates = 0;
  private badge: { bg: Graphics; text: Text } | null = null;
  /** The theme's tile border, above the content (high contrast: tiles on black need a line between them). */
  private readonly border = new Graphics({ label: 'tile-border' });
  private readonly since: number;
  /** Keeps the content inside the tile's rect (tile-clip.ts); a child mask, so it moves with the tile. */
  public readonly clip = new TileClip(this.container);
  /** What the last update() handed the widget, kept for the debug state (no copy: the store's snapshots). */
  private lastData: ReadonlyMap<string, TopicData> = new Map();

  public constructor(
    public readonly tile: Tile,
    /** The tile's wall rect: its layout rect, or where degraded mode moved it (see place()). */
    public rect: Rect,
    private readonly ctx: WidgetContext,
  ) {
    this.since = ctx.now();
    this.topics = ALERT_WIDGETS.has(tile.widget) ? [...tile.topics, ALERTS_TOPIC] : [...tile.topics];
    this.container.position.set(rect.x, rect.y);
    this.container.zIndex = tile.z;
    const size = { width: rect.width, height: rect.height };
    const factory = widgetFactory(tile.widget);
    let widget: Widget;
    try {
      widget = factory ? factory(ctx, size) : placeholder(ctx, size, '(chưa có widget)');
    } catch (err) {
      widget = placeholder(ctx, size, `lỗi: ${err instanceof Error ? err.message : String(err)}`);
    }
    this.widget = widget;
    this.isPlaceholder = !factory;
    this.container.visible = !ctx.hidden;
    this.container.addChild(widget.view, this.border);
    this.drawBorder();
    this.clip.resize(size);
  }

  /** Degraded mode's say on this tile (src/core/wall/degraded.ts): moved off a dead screen, hidden under one, or null. */
  public degraded: 'moved' | 'hidden' | null = null;

  /** Whether the tile is drawn (degraded mode hides some); see setVisible(). */
  public get visible(): boolean {
    return this.container.visible;
  }

  /** Shows or hides the tile, and tells its widget on a change (a hidden camera frees its decoder). */
  public setVisible(visible: boolean): void {
    if (visible === this.container.visible) return;
    this.container.visible = visible;
    this.widget.setVisible?.(visible);
  }

  /** Moves and resizes the tile to wall rect `rect` (degraded mode); the widget lays itself out again. */
  public place(rect: Rect): void {
    const resized = rect.width !== this.rect.width || rect.height !== this.rect.height;
    this.rect = { ...rect };
    this.container.position.set(rect.x, rect.y);
    if (resized) {
      this.clip.resize({ width: rect.width, height: rect.height });
      this.widget.resize({ width: rect.width, height: rect.height });
      this.drawBorder();
    }
    if (this.badge) this.hideBadge(); // redrawn at the new width by the next freshness check
  }

  /** A line inside the tile's edge, 3 wall px, where the theme names a tileBorder colour. */
  private drawBorder(): void {
    this.border.clear();
    this.border.eventMode = 'none';
    const color = this.ctx.theme.colors.tileBorder;
    if (!color) return;
    const w = 3;
    this.border.rect(w / 2, w / 2, this.rect.width - w, this.rect.height - w).stroke({ width: w, color: colorNumber(color) });
  }

  /** Replaces the widget by a placeholder (failed or timed-out `ready`). */
  public fallBack(reason: string): void {
    const old = this.widget;
    this.widget = placeholder(this.ctx, { width: this.rect.width, height: this.rect.height }, reason);
    this.isPlaceholder = true;
    if (!this.visible) this.widget.setVisible?.(false);
    this.container.addChildAt(this.widget.view, 0);
    this.container.removeChild(old.view);
    try {
      old.destroy();
    } catch {
      // A widget that failed once may fail again on destroy; the placeholder is what matters.
    }
  }

  /** Hands the widget its topics' data (called by the scene, at most once per frame). */
  public update(store: Store): void {
    const data = new Map<string, TopicData>();
    for (const topic of this.topics) {
      const d = store.get(topic);
      if (!d) continue;
      data.set(topic, d);
      if (topic !== ALERTS_TOPIC) this.lastUpdate = Math.max(this.lastUpdate ?? 0, d.receivedAt);
    }
    this.updates++;
    this.lastData = data;
    this.widget.update(data);
  }

  /**
   * Re-evaluates staleness (the tile's freshness rule) and lateness (a topic on the hub's late
   * list); dims the widget and shows its age, or "late", while either holds.
   */
  public checkFreshness(now: number, lateTopics: ReadonlySet<string> = new Set()): void {
    const stale = isStale(this.tile.freshness, this.lastUpdate, now, this.ctx.wall.timezone, this.since);
    const late = lateTopics.size > 0 && this.topics.some((t) => lateTopics.has(t));
    if (stale || late) this.widget.view.alpha = this.ctx.theme.staleOpacity;
    else if (this.stale || this.late) this.widget.view.alpha = 1;
    this.stale = stale;
    this.late = late;
    if (late) this.showBadge(`${FRESHNESS_TERMS.late[this.ctx.lang]} · ${formatAge(this.lastUpdate === null ? null : now - this.lastUpdate, this.ctx.lang)}`);
    else if (stale) this.showBadge(formatAge(this.lastUpdate === null ? null : now - this.lastUpdate, this.ctx.lang));
    else if (this.badge) this.hideBadge();
  }

  private showBadge(label: string): void {
    if (!this.badge) {
      const text = makeText(this.ctx.theme, '', { size: 24, weight: 600 });
      const bg = new Graphics();
      this.badge = { bg, text };
      this.container.addChild(bg, text);
    }
    const { bg, text } = this.badge;
    // Checked twice a second: redrawn only when the age shown changes (the window renders on change).
    if (text.text === label) return;
    text.text = label;
    const pad = 8;
    text.position.set(this.rect.width - text.width - pad * 2, pad);
    bg.clear()
      .roundRect(text.x - pad, 0, text.width + pad * 2, text.height + pad * 2, 6)
      .fill({ color: colorNumber(this.ctx.theme.colors.stale), alpha: 0.9 });
  }

  private hideBadge(): void {
    this.badge?.bg.destroy();
    this.badge?.text.destroy();
    this.badge = null;
  }

  public debugState(): TileDebugState {
    return {
      id: this.tile.id,
      widget: this.tile.widget,
      placeholder: this.isPlaceholder,
      rect: { ...this.rect },
      ...(this.degraded ? { degraded: this.degraded } : {}),
      clipped: this.clip.active,
      ready: this.ready,
      stale: this.stale,
      late: this.late,
      lastUpdate: this.lastUpdate,
      updates: this.updates,
      data: [...this.lastData.values()].filter((d) => d.topic !== ALERTS_TOPIC).map(topicDebug),
      ...drawnTexts(this.widget.view),
      ...(this.widget.pageContent instanceof WebFrame ? { web: this.widget.pageContent.debugState() } : {}),
    };
  }

  public destroy(): void {
    this.hideBadge();
    this.widget.destroy();
    this.clip.destroy();
    this.container.destroy({ children: true });
  }
}
