/**
 * Schema-valid data → model objects, with every default filled in (docs/formats.md). Each function
 * assumes its input passed the schema; validate.ts only calls it on parts without errors (a list item
 * with its broken fields left out, for the rules that do not read them).
 */
import type {
  CellPlacement,
  DisplaySelector,
  Edges,
  Layout,
  Localized,
  Node,
  Rect,
  Rotation,
  Screen,
  Size,
  Theme,
  Tile,
  Wall,
  WallGrid,
  WebAccess,
  WebCredential,
  WidgetType,
  Freshness,
  Priority,
  DegradedRules,
} from '../wall/model.js';
import { DEGRADED_DEFAULTS } from '../wall/degraded.js';

/** Plain data from YAML, after schema validation. */
export type Raw = Record<string, unknown>;

export const DEFAULT_DECODER_BUDGET = 8;
export const DEFAULT_LEGIBILITY_RATIO = 250;

const size = (raw: unknown): Size => {
  const r = raw as Raw;
  return { width: r.width as number, height: r.height as number };
};

const rect = (raw: unknown): Rect => {
  const r = raw as Raw;
  return { x: r.x as number, y: r.y as number, width: r.width as number, height: r.height as number };
};

/** One number means all four edges. */
export function edges(raw: unknown): Edges {
  if (typeof raw === 'number') return { top: raw, right: raw, bottom: raw, left: raw };
  const r = raw as Raw;
  return { top: r.top as number, right: r.right as number, bottom: r.bottom as number, left: r.left as number };
}

export function cell(raw: unknown): CellPlacement {
  const r = raw as Raw;
  return {
    col: r.col as number,
    row: r.row as number,
    colSpan: (r.colSpan as number | undefined) ?? 1,
    rowSpan: (r.rowSpan as number | undefined) ?? 1,
  };
}

/** Copies only the given optional keys that are present, so absent fields stay absent. */
function optional<T extends object>(raw: Raw, keys: readonly string[]): Partial<T> {
  const out: Raw = {};
  for (const key of keys) if (raw[key] !== undefined) out[key] = raw[key];
  return out as Partial<T>;
}

export function grid(raw: unknown): WallGrid {
  const r = raw as Raw;
  const panel = r.panel as Raw;
  return {
    columns: r.columns as number,
    rows: r.rows as number,
    panel: { resolution: size(panel.resolution), activeMm: size(panel.activeMm), bezelMm: edges(panel.bezelMm) },
  };
}

export function node(raw: unknown): Node {
  const r = raw as Raw;
  return {
    id: r.id as string,
    ...optional<Node>(r, ['title']),
    decoderBudget: (r.decoderBudget as number | undefined) ?? DEFAULT_DECODER_BUDGET,
    windowMode: (r.windowMode as Node['windowMode'] | undefined) ?? 'span',
  };
}

/**
 * Missing resolution, activeMm and bezelMm come from the grid panel. The panel is described as
 * mounted, while `resolution` is the native mode before rotation: a screen turned 90° or 270°
 * therefore defaults to the panel's resolution with width and height swapped.
 */
export function screen(raw: unknown, panel: WallGrid['panel']): Screen {
  const r = raw as Raw;
  const rotation = ((r.rotation as number | undefined) ?? 0) as Rotation;
  const turned = rotation === 90 || rotation === 270;
  const panelMode = turned
    ? { width: panel.resolution.height, height: panel.resolution.width }
    : { ...panel.resolution };
  return {
    id: r.id as string,
    ...(r.cell !== undefined ? { cell: cell(r.cell) } : {}),
    ...(r.rect !== undefined ? { rect: rect(r.rect) } : {}),
    resolution: r.resolution !== undefined ? size(r.resolution) : panelMode,
    rotation,
    activeMm: r.activeMm !== undefined ? size(r.activeMm) : { ...panel.activeMm },
    bezelMm: r.bezelMm !== undefined ? edges(r.bezelMm) : { ...panel.bezelMm },
    display: displaySelector(r.display),
    node: r.node as string,
  };
}

function displaySelector(raw: unknown): DisplaySelector {
  // Absent only in a screen whose display failed the schema, built for rules that do not read it.
  const r = (raw ?? {}) as Raw;
  if (r.bounds !== undefined) return { bounds: rect(r.bounds) };
  return { ...r } as DisplaySelector;
}

export function wall(data: Raw, file: string): Wall {
  const g = grid(data.grid);
  return {
    file,
    id: data.id as string,
    title: data.title as Localized,
    grid: g,
    viewingDistanceM: data.viewingDistanceM as number,
    legibilityRatio: (data.legibilityRatio as number | undefined) ?? DEFAULT_LEGIBILITY_RATIO,
    timezone: data.timezone as string,
    defaultLayout: data.defaultLayout as string,
    defaultTheme: data.defaultTheme as string,
    nodes: (data.nodes as unknown[]).map(node),
    screens: (data.screens as unknown[]).map((s) => screen(s, g.panel)),
    ...(data.web !== undefined ? { web: web(data.web) } : {}),
  };
}

/** wall.yaml `web` with its defaults (no origins, no credentials). */
export function web(raw: unknown): WebAccess {
  const r = raw as Raw;
  const credentials = (r.credentials as Record<string, Raw> | undefined) ?? {};
  return {
    origins: [...((r.origins as string[] | undefined) ?? [])],
    credentials: Object.fromEntries(
      Object.entries(credentials).map(([name, c]): [string, WebCredential] => [
        name,
        { origin: c.origin as string, kind: c.kind as WebCredential['kind'] },
      ]),
    ),
  };
}

export function tile(raw: unknown): Tile {
  const r = raw as Raw;
  return {
    id: r.id as string,
    widget: r.widget as WidgetType,
    ...(r.cell !== undefined ? { cell: cell(r.cell) } : {}),
    ...(r.rect !== undefined ? { rect: rect(r.rect) } : {}),
    z: (r.z as number | undefined) ?? 0,
    ...optional<Tile>(r, ['title']),
    topics: [...((r.topics as string[] | undefined) ?? [])],
    ...(r.freshness !== undefined ? { freshness: { ...(r.freshness as Freshness) } } : {}),
    priority: (r.priority as Priority | undefined) ?? 'normal',
    props: { ...((r.props as Raw | undefined) ?? {}) },
  };
}

export function subdivision(raw: unknown): Layout['subdivision'] {
  const r = raw as Raw | undefined;
  return { columns: (r?.columns as number | undefined) ?? 1, rows: (r?.rows as number | undefined) ?? 1 };
}

/** The `degraded` section with its defaults (minPriority critical, displace low, no fallback rules). */
export function degraded(raw: unknown): DegradedRules {
  const r = raw as Raw;
  const fallback = (r.fallback as Raw[] | undefined) ?? [];
  return {
    minPriority: (r.minPriority as Priority | undefined) ?? DEGRADED_DEFAULTS.minPriority,
    displace: (r.displace as Priority | undefined) ?? DEGRADED_DEFAULTS.displace,
    fallback: fallback.map((f) => ({ from: [...(f.from as string[])], to: [...(f.to as string[])] })),
  };
}

export function layout(data: Raw, file: string): Layout {
  return {
    file,
    id: data.id as string,
    title: data.title as Layout['title'],
    theme: data.theme as string,
    ...optional<Layout>(data, ['hotkey', 'schedule']),
    subdivision: subdivision(data.subdivision),
    tiles: (data.tiles as unknown[]).map(tile),
    ...(data.degraded !== undefined ? { degraded: degraded(data.degraded) } : {}),
  };
}

export function theme(data: Raw, file: string): Theme {
  return {
    file,
    id: data.id as string,
    title: data.title as Theme['title'],
    font: data.font as Theme['font'],
    colors: data.colors as Theme['colors'],
    severity: data.severity as Theme['severity'],
    staleOpacity: data.staleOpacity as number,
  };
}
