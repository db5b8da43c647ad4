import type { DisplaySelector, Rect, Wall } from '../core/wall/model.js';
import { screenActiveRect } from '../core/wall/geometry.js';
import { assumedDisplays, planWindows, type PlannedWindow } from '../core/displays/window-plan.js';
import { gridPosition } from '../core/displays/identify.js';
import { formatTable } from './table.js';

export interface ScreenRow {
  screen: string;
  grid: string;
  wallRect: Rect;
  display: string;
  node: string;
  resolution: string;
  rotation: number;
}

export interface InspectReport {
  wall: string;
  screens: ScreenRow[];
  windows: PlannedWindow[];
}

export function describeSelector(s: DisplaySelector): string {
  if ('connector' in s) return `connector ${s.connector}`;
  if ('edidName' in s) return `EDID ${s.edidName}${s.serial ? ` #${s.serial}` : ''}`;
  if ('serial' in s) return `serial ${s.serial}`;
  if ('displayId' in s) return `display id ${s.displayId}`;
  const b = s.bounds;
  return `bounds ${b.width}x${b.height}+${b.x}+${b.y}`;
}

/**
 * The screen map and, per node, the window plan the shell would build if the node's displays are
 * arranged as the wall says (the shell re-plans against the displays it really finds).
 */
export function inspectWall(wall: Wall): InspectReport {
  const screens = wall.screens.map((s) => ({
    screen: s.id,
    // Counted from 0, as in wall.yaml (the wall rect beside it says where a free screen is).
    grid: s.cell ? gridPosition(wall, s).en : 'free',
    wallRect: screenActiveRect(wall, s),
    display: describeSelector(s.display),
    node: s.node,
    resolution: `${s.resolution.width}x${s.resolution.height}`,
    rotation: s.rotation,
  }));
  const windows = wall.nodes.flatMap((n) => planWindows(wall, n.id, assumedDisplays(wall, n.id)));
  return { wall: wall.id, screens, windows };
}

const rect = (r: Rect) => `${r.width}x${r.height}+${r.x}+${r.y}`;

export function formatInspect(report: InspectReport): string {
  const screenTable = formatTable(
    ['screen', 'grid position', 'wall rect', 'display', 'node', 'resolution', 'rotation'],
    report.screens.map((s) => [s.screen, s.grid, rect(s.wallRect), s.display, s.node, s.resolution, `${s.rotation}°`]),
  );
  const windowTable = formatTable(
    ['window', 'node', 'desktop bounds', 'screens', 'wall viewport'],
    report.windows.map((w) => [w.id, w.node, rect(w.bounds), w.screens.map((s) => s.screenId).join(' '), rect(w.viewport)]),
  );
  return `Wall ${report.wall}: ${report.screens.length} screens\n\n${screenTable}\n\nWindow plan (${report.windows.length} windows)\n\n${windowTable}\n`;
}
