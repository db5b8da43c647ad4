/**
 * Presets (docs/console.md "Presets"): a named way to show the wall, kept by the hub and changed by
 * editors at run time — one of the project's layouts with some of its camera tiles showing other
 * cameras of the project. Operators activate presets; walls get the choice inside the layout
 * command (`LayoutCommand.preset`) and build the layout with it (applyPreset).
 *
 * A preset can only choose among the project's own cameras (cameraCatalogue): an editor picks a
 * camera, never types a URL, so a preset cannot point a wall at a stream the project's CSP and
 * decoder budget were not planned for. Pure: no DOM, no Node.
 */
import type { Camera, Layout, Localized, Tile } from '../wall/model.js';
import type { CameraChoice, PresetRef, WireLabel } from './layout-commands.js';

/** A preset as the hub keeps and lists it (GET /api/presets). */
export interface Preset {
  /** Lowercase slug, e.g. `trieu-cuong-song-doc`. */
  id: string;
  title: WireLabel;
  layout: string;
  cameras: CameraChoice[];
  /** 1 on creation, +1 on every save; a save must name the version it started from. */
  version: number;
  updatedAt: number;
  updatedBy: string;
}

/** One camera of the project: a distinct HLS source used by some camera tile. */
export interface CatalogueCamera {
  source: string;
  /** The caption of the first tile that gives one. */
  label: WireLabel | null;
  /** Where the project shows it: `layout/tile`. */
  usedBy: string[];
}

/** A camera tile of a layout, as an editor chooses for it. */
export interface CameraTile {
  id: string;
  /** The source the layout file gives it. */
  source: string;
  label: WireLabel | null;
}

export const PRESET_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const PRESET_ID_MAX = 64;

function wireLabel(l: Localized | undefined | unknown): WireLabel | null {
  if (typeof l === 'string' && l) return { vi: l };
  if (l && typeof l === 'object' && typeof (l as { vi?: unknown }).vi === 'string') {
    const { vi, en } = l as { vi: string; en?: unknown };
    return typeof en === 'string' ? { vi, en } : { vi };
  }
  return null;
}

/** A project camera (cameras.yaml) as a catalogue `source`: `camera:<id>`; anything else is an HLS URL. */
export const PROJECT_CAMERA_PREFIX = 'camera:';

function cameraSourceOf(tile: Tile): string | null {
  if (tile.widget !== 'camera') return null;
  const { camera, source } = tile.props;
  if (typeof camera === 'string' && camera) return `${PROJECT_CAMERA_PREFIX}${camera}`;
  return typeof source === 'string' && source ? source : null;
}

/** The layout's camera tiles, in file order. */
export function cameraTiles(layout: Layout): CameraTile[] {
  const out: CameraTile[] = [];
  for (const tile of layout.tiles) {
    const source = cameraSourceOf(tile);
    if (source) out.push({ id: tile.id, source, label: wireLabel(tile.props.label) ?? wireLabel(tile.title) });
  }
  return out;
}

/** Every distinct camera the project's layouts show, in order of first use. */
export function cameraCatalogue(layouts: readonly Layout[], cameras: readonly Camera[] = []): CatalogueCamera[] {
  const bySource = new Map<string, CatalogueCamera>();
  // The project's cameras (cameras.yaml) all count, shown by a layout or not: an editor may choose any.
  for (const c of cameras) bySource.set(`${PROJECT_CAMERA_PREFIX}${c.id}`, { source: `${PROJECT_CAMERA_PREFIX}${c.id}`, label: wireLabel(c.title), usedBy: [] });
  for (const layout of layouts) {
    if (layout.generated) continue;
    for (const t of cameraTiles(layout)) {
      const known = bySource.get(t.source);
      if (known) {
        known.usedBy.push(`${layout.id}/${t.id}`);
        known.label ??= t.label;
      } else bySource.set(t.source, { source: t.source, label: t.label, usedBy: [`${layout.id}/${t.id}`] });
    }
  }
  return [...bySource.values()];
}

export type PresetCheck = { ok: true; cameras: CameraChoice[] } | { ok: false; errors: { field: string; message: string }[] };

/**
 * Checks a preset's layout and camera choices against the project and returns the choices with
 * their captions from the catalogue. Errors name the field (`layout`, `cameras[2].source`).
 */
export function checkPresetChoices(
  layoutId: string,
  cameras: readonly { tile: string; source: string }[],
  layouts: readonly Layout[],
  projectCameras: readonly Camera[] = [],
): PresetCheck {
  const errors: { field: string; message: string }[] = [];
  const layout = layouts.find((l) => l.id === layoutId && !l.generated);
  if (!layout) {
    const known = layouts.filter((l) => !l.generated).map((l) => l.id);
    return { ok: false, errors: [{ field: 'layout', message: `no layout "${layoutId}"; known: ${known.join(', ')}` }] };
  }
  const tiles = new Map(cameraTiles(layout).map((t) => [t.id, t]));
  const catalogue = new Map(cameraCatalogue(layouts, projectCameras).map((c) => [c.source, c]));
  const seen = new Set<string>();
  const out: CameraChoice[] = [];
  cameras.forEach((c, i) => {
    const at = `cameras[${i}]`;
    if (!tiles.has(c.tile)) {
      const names = [...tiles.keys()];
      errors.push({ field: `${at}.tile`, message: `"${c.tile}" is not a camera tile of layout "${layoutId}"${names.length ? `; its camera tiles: ${names.join(', ')}` : ' (it has none)'}` });
    } else if (seen.has(c.tile)) errors.push({ field: `${at}.tile`, message: `tile "${c.tile}" is chosen twice` });
    seen.add(c.tile);
    const camera = catalogue.get(c.source);
    if (!camera) errors.push({ field: `${at}.source`, message: `"${c.source.slice(0, 200)}" is not a camera of the project (choose one of GET /api/presets "cameras")` });
    else out.push({ tile: c.tile, source: c.source, ...(camera.label ? { label: camera.label } : {}) });
  });
  return errors.length ? { ok: false, errors } : { ok: true, cameras: out };
}

/** The layout with the chosen camera tiles showing their chosen cameras (a new object; `layout` is untouched). */
export function applyPresetCameras(layout: Layout, cameras: readonly CameraChoice[]): Layout {
  if (cameras.length === 0) return layout;
  const chosen = new Map(cameras.map((c) => [c.tile, c]));
  return {
    ...layout,
    tiles: layout.tiles.map((tile) => {
      const c = chosen.get(tile.id);
      if (!c || tile.widget !== 'camera') return tile;
      const props: Record<string, unknown> = { ...tile.props };
      if (c.source.startsWith(PROJECT_CAMERA_PREFIX)) {
        props.camera = c.source.slice(PROJECT_CAMERA_PREFIX.length);
        delete props.source;
      } else {
        props.source = c.source;
        delete props.camera;
      }
      if (c.label) props.label = c.label;
      else delete props.label;
      return { ...tile, props };
    }),
  };
}

/**
 * What a wall shows, as one comparable string: the layout id, plus the preset and its version when
 * the layout came through one. Two commands with the same key need no switch.
 */
export function sceneKey(layout: string, preset?: PresetRef | null): string {
  return preset ? `${layout}+${preset.id}@${preset.version}` : layout;
}
