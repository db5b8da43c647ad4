/**
 * Page configs built in code for renderer tests: a theme, layouts of a few tiles, and a window
 * from the real window planner over makeWall(), so a test states only what it changes. The config
 * comes from the shells' own builder (src/core/page/page-config.ts), identify layout included.
 */
import type { Layout, Theme, Tile, Wall } from '../../src/core/wall/model.js';
import type { WallPageConfig } from '../../src/core/page/host-api.js';
import { buildPageConfig } from '../../src/core/page/page-config.js';
import { makeWall } from './wall-fixtures.js';
import { assumedDisplays, planWindows, type PlannedWindow } from '../../src/core/displays/window-plan.js';

export const THEME: Theme = {
  file: 'test/theme.yaml',
  id: 'control-room-dark',
  title: { vi: 'Phòng điều hành (tối)', en: 'Control room (dark)' },
  font: { family: 'Be Vietnam Pro', package: '@fontsource/be-vietnam-pro', weights: [400, 600, 700] },
  colors: {
    background: '#0b1220',
    surface: '#131c2e',
    text: '#e6edf7',
    textMuted: '#8a9bb5',
    accent: '#3fa7ff',
    bezel: '#000000',
    stale: '#6b7280',
  },
  severity: { critical: '#ff3b30', major: '#ff9500', minor: '#ffd60a', warning: '#64d2ff', info: '#8e8e93' },
  staleOpacity: 0.45,
};

/** A tile with defaults: tiles name what they change. */
export function tile(t: Partial<Tile> & Pick<Tile, 'id' | 'widget'>): Tile {
  return { z: 0, topics: [], priority: 'normal', props: {}, ...t };
}

export function layout(id: string, tiles: Tile[], extra: Partial<Layout> = {}): Layout {
  return {
    file: `test/layouts/${id}.yaml`,
    id,
    title: { vi: id, en: id },
    theme: THEME.id,
    subdivision: { columns: 1, rows: 1 },
    tiles,
    ...extra,
  };
}

/** The window of `node` containing screen `screenId` (default: node-1's first window). */
export function windowFor(wall: Wall, node = 'node-1', screenId?: string): PlannedWindow {
  const windows = planWindows(wall, node, assumedDisplays(wall, node));
  const w = screenId ? windows.find((x) => x.screens.some((s) => s.screenId === screenId)) : windows[0];
  if (!w) throw new Error(`no window for ${node}/${screenId ?? ''}`);
  return w;
}

export interface ConfigOptions {
  wall?: Wall;
  layouts: Layout[];
  window?: PlannedWindow;
  scale?: number;
  review?: boolean;
  initialLayout?: string;
}

export function pageConfig(o: ConfigOptions): WallPageConfig {
  const wall = o.wall ?? makeWall();
  const config = buildPageConfig({ wall, layouts: o.layouts, themes: [THEME] }, o.window ?? windowFor(wall), {
    lang: 'vi',
    scale: o.scale ?? 0.25,
    cameraBase: '',
    assetBase: '',
    review: o.review ?? false,
  });
  // As given, even one the page should refuse: tests check that too.
  // Cameras on the texture path unless a test asks for the element (camera-element.test.ts): this
  // machine's WebGL is SwiftShader, where `auto` takes the element (resolveVideoPath).
  return { ...config, camera: { videoPath: 'texture' }, initialLayout: o.initialLayout ?? o.layouts[0]!.id };
}

/** A 2 × 1 wall driven by one node: one window of two screens side by side (bezel between). */
export function twoScreenWall(): Wall {
  return makeWall({ columns: 2, rows: 1 });
}

/** Publishes through the page's debug hook (as the hub client would through the store). */
export const TOPIC = 'test.kpi.value';
