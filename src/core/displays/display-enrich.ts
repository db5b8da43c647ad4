/**
 * Electron's displays, given the connector facts that wall.yaml selectors read. Chromium on X11
 * labels a display with the monitor's model name, not its connector, and reports no EDID serial, so
 * `connector`, `edidName` and `serial` selectors could never match in the kiosk. xrandr knows all
 * three: an Electron display is the xrandr output that shows the same part of the desktop.
 *
 * Only the names change: bounds, rotation and scale stay Electron's, as windows are placed in
 * Electron's coordinates (DIP). A display that matches no output, or several (mirrored outputs),
 * keeps Electron's data and a note says why: a wrong connector would put a screen on the wrong panel.
 */
import type { ConnectorInfo } from './display-detect.js';
import type { DetectedDisplay } from './displays.js';
import { edidSerial } from './edid.js';
import type { Rect } from '../wall/model.js';

/** What the shell could learn of the connectors: the outputs, or why there are none. */
export type ConnectorReading =
  | { ok: true; /** e.g. `xrandr --verbose`, for the log. */ from: string; connectors: ConnectorInfo[] }
  | { ok: false; why: string };

export interface Enrichment {
  displays: DetectedDisplay[];
  /** Log lines: where the names came from, and why a display kept Electron's data. */
  notes: string[];
}

const rectText = (r: Rect): string => `${r.width}x${r.height}+${r.x}+${r.y}`;

/** Electron's DIP bounds in device px, as xrandr gives outputs. */
function devicePx(d: DetectedDisplay): Rect {
  const s = d.scaleFactor;
  const b = d.bounds;
  return { x: Math.round(b.x * s), y: Math.round(b.y * s), width: Math.round(b.width * s), height: Math.round(b.height * s) };
}

/**
 * Whether an output shows the display's part of the desktop. Sizes agree to within the rounding of
 * DIP to px; origins only to within half the display, because Chromium lays fractional-scale
 * displays out edge to edge in DIP and the rounding adds up along a row. Two outputs that do not
 * overlap can never both be that close: only mirrored ones can, and those are reported.
 */
function showsSameArea(px: Rect, slack: number, out: Rect): boolean {
  return (
    Math.abs(px.width - out.width) <= slack &&
    Math.abs(px.height - out.height) <= slack &&
    Math.abs(px.x - out.x) < px.width / 2 &&
    Math.abs(px.y - out.y) < px.height / 2
  );
}

/**
 * Without desktop positions (/sys/class/drm), an output can be a display's only where Chromium's
 * label is the output's EDID name and the display's size is one of its modes (either way round:
 * sysfs knows no rotation). Twin panels of one model all qualify, and are reported.
 */
function sameMonitor(d: DetectedDisplay, px: Rect, c: ConnectorInfo): boolean {
  if (!c.edid?.name || d.label !== c.edid.name) return false;
  return c.modes.some((m) => (m.width === px.width && m.height === px.height) || (m.width === px.height && m.height === px.width));
}

function describe(d: DetectedDisplay): string {
  const scale = d.scaleFactor === 1 ? '' : ` at scale ${d.scaleFactor}`;
  return `display id ${d.id}${d.label ? ` "${d.label}"` : ''} (${rectText(d.bounds)}${scale})`;
}

/** The display named after its output: connector as `label`, EDID name and serial where it has them. */
function named(d: DetectedDisplay, c: ConnectorInfo): DetectedDisplay {
  const out: DetectedDisplay = { id: d.id, label: c.connector, bounds: { ...d.bounds }, rotation: d.rotation, scaleFactor: d.scaleFactor };
  if (c.edid?.name) out.edidName = c.edid.name;
  const serial = c.edid && edidSerial(c.edid);
  if (serial) out.serial = serial;
  return out;
}

/** Electron's displays with connector names and EDID facts from the reading, one note per problem. */
export function enrichDisplays(electron: readonly DetectedDisplay[], reading: ConnectorReading): Enrichment {
  if (!reading.ok) {
    return {
      displays: electron.map((d) => ({ ...d, bounds: { ...d.bounds } })),
      notes: [`connector names unavailable (${reading.why}): using Electron's display labels, so connector, EDID and serial selectors may not match`],
    };
  }
  const lit = reading.connectors.filter((c) => c.connected && c.active);
  const candidates = electron.map((d) => {
    const px = devicePx(d);
    const slack = Math.ceil(d.scaleFactor);
    return lit.filter((c) => (c.bounds ? showsSameArea(px, slack, c.bounds) : sameMonitor(d, px, c)));
  });
  const claims = new Map<ConnectorInfo, number>();
  for (const list of candidates) if (list.length === 1) claims.set(list[0]!, (claims.get(list[0]!) ?? 0) + 1);

  const notes: string[] = [];
  let count = 0;
  const keep = (d: DetectedDisplay, why: string): DetectedDisplay => {
    notes.push(`${describe(d)}: ${why}; it keeps Electron's label`);
    return { ...d, bounds: { ...d.bounds } };
  };
  const outputs = lit.map((c) => (c.bounds ? `${c.connector} ${rectText(c.bounds)}` : c.connector)).join(', ') || 'none';
  const displays = electron.map((d, i): DetectedDisplay => {
    const list = candidates[i]!;
    const names = list.map((c) => c.connector).join(', ');
    const positioned = lit.some((c) => c.bounds);
    if (list.length === 0) {
      const wanted = positioned ? `shows ${rectText(devicePx(d))} px` : `is a "${d.label ?? ''}" with a ${devicePx(d).width}x${devicePx(d).height} mode`;
      return keep(d, `no output of ${reading.from} ${wanted} (outputs: ${outputs})`);
    }
    if (list.length > 1) {
      const why = positioned ? 'show the same part of the desktop (mirrored)' : `are the same model and ${reading.from} gives no desktop positions`;
      return keep(d, `outputs ${names} ${why}, so which one it is cannot be told`);
    }
    if (claims.get(list[0]!)! > 1) return keep(d, `output ${names} fits several Electron displays`);
    count++;
    return named(d, list[0]!);
  });
  notes.unshift(`connector names from ${reading.from}: ${count} of ${electron.length} displays named`);
  return { displays, notes };
}
