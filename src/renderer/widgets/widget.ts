import type { Container } from 'pixi.js';
import type { Layout, Theme, Tile, Wall, Size } from '../../core/model.js';

/** What a widget may use. Widgets never open sockets or fetch data: data reaches them through update(). */
export interface WidgetContext {
  wall: Wall;
  layout: Layout;
  tile: Tile;
  theme: Theme;
  lang: 'vi' | 'en';
  /** Milliseconds on the wall clock (hub-synchronised once a hub is connected); never Date.now() directly. */
  now(): number;
  /** Base URL against which relative asset and camera URLs resolve. */
  assetBase: string;
  cameraBase: string;
}

/**
 * The data a widget is given for one of its topics: the latest value and a bounded history.
 * `receivedAt` is wall-clock ms; `stale` is decided by the store from the tile's freshness.
 */
export interface TopicData {
  topic: string;
  value: unknown;
  receivedAt: number;
  history: readonly { t: number; value: unknown }[];
}

/** One tile's visual. The scene calls update() at most once per frame, only when its data changed. */
export interface Widget {
  /** Added by the scene to the tile's container; the widget draws in tile-local pixels from (0,0). */
  readonly view: Container;
  /** Resolves when the widget shows something meaningful (a camera: a frame or its placeholder). */
  readonly ready: Promise<void>;
  update(data: ReadonlyMap<string, TopicData>): void;
  resize(size: Size): void;
  /** Called every frame for animated widgets (ticker, clock, camera texture upload); optional. */
  tick?(nowMs: number): void;
  destroy(): void;
}

export type WidgetFactory = (ctx: WidgetContext, size: Size) => Widget;
