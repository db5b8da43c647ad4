/**
 * The validated wall model: what the loader returns after parsing, schema validation and the
 * cross-checks a schema cannot express. Everything downstream (geometry, renderer, shells, hub)
 * works only on these types, never on raw YAML.
 *
 * Units: wall pixels (px) unless a name says otherwise (Mm = millimetres, S = seconds).
 */

/** Text shown to people: one string, or Vietnamese with an optional English rendering. */
export type Localized = string | { vi: string; en?: string };

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Size {
  width: number;
  height: number;
}

/** Per-edge bezel (mullion) widths in millimetres. */
export interface Edges {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export type Rotation = 0 | 90 | 180 | 270;

/**
 * How a shell finds the physical display that shows a screen. Stable selectors first: a connector
 * or EDID name survives re-enumeration, an enumeration index does not (so there is none).
 */
export type DisplaySelector =
  | { connector: string }
  | { edidName: string; serial?: string }
  | { serial: string }
  | { displayId: number }
  | { bounds: Rect };

/** A cell range of a grid: columns and rows counted from 0 at the top left. */
export interface CellPlacement {
  col: number;
  row: number;
  colSpan: number;
  rowSpan: number;
}

export interface Node {
  id: string;
  title?: Localized;
  /** Simultaneous camera decodes this PC can sustain; more camera tiles than this is a lint warning. */
  decoderBudget: number;
  /** `span`: one window over adjacent equal displays; `per-display`: the fallback, one window each. */
  windowMode: 'span' | 'per-display';
}

export interface Screen {
  id: string;
  /** Placement on the wall grid (spans allow a larger panel over several cells)... */
  cell?: CellPlacement;
  /** ...or a free rectangle of the panel's active area in wall pixels, for mixed panel sizes. */
  rect?: Rect;
  /** Native video mode of the panel (before rotation). */
  resolution: Size;
  /** Clockwise rotation of the mounted panel; 90/270 make a landscape mode show portrait. */
  rotation: Rotation;
  /** Physical size of the active (lit) area, after rotation, in millimetres. */
  activeMm: Size;
  bezelMm: Edges;
  display: DisplaySelector;
  node: string;
}

export interface WallGrid {
  columns: number;
  rows: number;
  /** The grid panel as mounted: its pixels define wall pixels; also the default for grid screens. */
  panel: { resolution: Size; activeMm: Size; bezelMm: Edges };
}

export interface Wall {
  /** Source file, for error messages. */
  file: string;
  id: string;
  title: Localized;
  grid: WallGrid;
  /** Distance from the operators' desks to the wall, for the legibility lint. */
  viewingDistanceM: number;
  /** Minimum legible text height = viewing distance / this ratio (documented in README). */
  legibilityRatio: number;
  timezone: string;
  defaultLayout: string;
  defaultTheme: string;
  nodes: Node[];
  screens: Screen[];
  /** What web tiles may show and sign in to; absent when wall.yaml has no `web` section (no web tiles allowed). */
  web?: WebAccess;
}

/** How a node signs a web tile in to its dashboard; the secret itself lives only on the node. */
export const WEB_CREDENTIAL_KINDS = ['basic', 'header', 'cookie'] as const;
export type WebCredentialKind = (typeof WEB_CREDENTIAL_KINDS)[number];

/** A credential a web tile may name: where it applies and how. Never the secret (web-credentials.json on each node). */
export interface WebCredential {
  /** The only origin the credential is sent to, e.g. `https://grafana.ioc.example`. */
  origin: string;
  kind: WebCredentialKind;
}

/** wall.yaml `web`: the origins web tiles may frame (the page's CSP frame-src) and the credentials by name. */
export interface WebAccess {
  /** http(s) origins without path, e.g. `https://grafana.ioc.example`. */
  origins: string[];
  credentials: Record<string, WebCredential>;
}

export const WIDGET_TYPES = [
  'camera',
  'chart',
  'kpi',
  'ticker',
  'alert-list',
  'clock',
  'text',
  'image',
  'map',
  'web',
] as const;
export type WidgetType = (typeof WIDGET_TYPES)[number];

/**
 * Widgets only layouts wallrun generates itself use (`wallrun identify`'s alignment grid). The
 * layout schema lists WIDGET_TYPES alone, so a layout file can never name one of these.
 */
export const INTERNAL_WIDGET_TYPES = ['alignment-grid'] as const;
export type InternalWidgetType = (typeof INTERNAL_WIDGET_TYPES)[number];

/** `props` of a `web` tile, as the layout schema checks them (docs/formats.md). */
export interface WebTileProps {
  /** http: or https: URL of the page. */
  url: string;
  /** Reload the page every this many seconds (≥ 30); absent: never on a timer. */
  refreshS?: number;
  /** Name of a credential in wall.yaml `web.credentials`. */
  credential?: string;
  /** CSS zoom of the page inside the tile, 0.25 to 4; absent: 1. */
  zoom?: number;
}

export const WEB_REFRESH_MIN_S = 30;
export const WEB_ZOOM_RANGE = { min: 0.25, max: 4, default: 1 } as const;

export const CHART_KINDS = ['line', 'area', 'bar', 'gauge', 'sparkline'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

/** X.733 severities, most severe first. */
export const SEVERITIES = ['critical', 'major', 'minor', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const PRIORITIES = ['critical', 'high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** How old a tile's data may get: a maximum age, or a daily deadline in the wall's time zone. */
export type Freshness = { maxAgeS: number } | { dailyDeadline: string /* "HH:MM" */ };

export interface Tile {
  id: string;
  /** Always a WidgetType in layouts read from files; internal types only in generated layouts. */
  widget: WidgetType | InternalWidgetType;
  /** Placement in layout grid cells (wall cells × the layout's subdivision)... */
  cell?: CellPlacement;
  /** ...or a rectangle in wall pixels. Exactly one of the two is set. */
  rect?: Rect;
  z: number;
  title?: Localized;
  /** Data topics the tile reads, e.g. `traffic.flow.ca-mau`. Lowercase dotted segments. */
  topics: string[];
  freshness?: Freshness;
  priority: Priority;
  /** Widget-specific properties, validated per widget type by the layout schema. */
  props: Record<string, unknown>;
}

/** Where tiles from dead screens go: a tile on a `from` screen tries the `to` screens in order. */
export interface DegradedFallback {
  from: string[];
  to: string[];
}

/**
 * Degraded mode of a layout: when screens die, tiles of priority `minPriority` or higher leave them
 * for healthy screens (the `fallback` rules first, else the nearest), hiding tiles of priority
 * `displace` or lower there. Never hides a tile of `minPriority` or higher.
 */
export interface DegradedRules {
  minPriority: Priority;
  displace: Priority;
  fallback: DegradedFallback[];
}

export interface Layout {
  file: string;
  id: string;
  title: { vi: string; en: string };
  theme: string;
  /** Keyboard accelerator on the wall, e.g. "F2" or "Ctrl+3". */
  hotkey?: string;
  /** Local times at which the wall switches to this layout by itself. */
  schedule?: { at: string /* "HH:MM" */; days?: string[] }[];
  /** Each wall cell is split into columns × rows layout cells (1×1 = one cell per screen). */
  subdivision: { columns: number; rows: number };
  tiles: Tile[];
  /** What happens when screens die (src/core/wall/degraded.ts); absent: the defaults of DEGRADED_DEFAULTS. */
  degraded?: DegradedRules;
  /** Made by wallrun (the identify layout), never read from a file: outside PageUp/PageDown's cycle. */
  generated?: true;
}

export interface Theme {
  file: string;
  id: string;
  title: { vi: string; en: string };
  /** The font is bundled from npm (never fetched at run time). */
  font: { family: string; package: string; weights: number[] };
  colors: {
    background: string;
    surface: string;
    text: string;
    textMuted: string;
    accent: string;
    bezel: string;
    stale: string;
    /** A line around every tile (themes whose tile surface is the background colour). */
    tileBorder?: string;
  };
  severity: Record<Severity, string>;
  /** Opacity of a stale tile's content. */
  staleOpacity: number;
}

/** Everything a wall needs, validated together (cross-file references resolved). */
export interface Project {
  wall: Wall;
  layouts: Layout[];
  themes: Theme[];
  /** cameras.yaml (absent or empty when the project has none). */
  cameras?: Camera[];
}

/** One camera of the project (cameras.yaml; docs/cameras.md). Never holds credentials: `credential` names them. */
export interface Camera {
  id: string;
  title: Localized;
  /** rtsp:// or rtsps://, no user:password. */
  url: string;
  /** A smaller sub-stream for small tiles. */
  subUrl?: string;
  /** A name in the hub's `<data>/camera-credentials.json`. */
  credential?: string;
  /** The size an H.265 source is transcoded to (H.264 for the wall's decoders); default 1280×720. */
  transcode: { width: number; height: number };
}
