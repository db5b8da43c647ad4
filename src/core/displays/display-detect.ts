/**
 * Connected displays as Linux tells them without Electron, for `wallrun displays`: the text of
 * `xrandr --query` (or `--verbose`, which adds the EDID), a snapshot of `/sys/class/drm`, or a JSON
 * list of DetectedDisplay (what the kiosk writes, or Electron's `screen.getAllDisplays()`). Pure:
 * the CLI reads the files and runs xrandr (src/node/display-sources.ts).
 *
 * Naming: the connector is the display's `label`, as connector selectors expect. xrandr and the
 * kernel agree for the modesetting driver (`DP-1`); some vendor X drivers name outputs their own
 * way (`DisplayPort-0`), so prefer xrandr's names where X runs, as the kiosk sees X's outputs.
 */
import type { Rect, Rotation, Size } from '../wall/model.js';
import type { DetectedDisplay } from './displays.js';
import { edidSerial, hexToBytes, parseEdid, type EdidInfo } from './edid.js';

/** One connector (output) of the graphics card. */
export interface ConnectorInfo {
  connector: string;
  connected: boolean;
  /** Connected and showing part of the desktop (a mode is set); connected but off when false. */
  active: boolean;
  primary: boolean;
  /** Desktop px, as xrandr gives them; absent from sysfs, which knows no desktop. */
  bounds?: Rect;
  /** Clockwise, as Electron reports it (xrandr's `left` is 270, `right` 90). */
  rotation: Rotation;
  /** The modes offered, the preferred one first. */
  modes: Size[];
  edid?: EdidInfo;
}

const ROTATIONS: Record<string, Rotation> = { normal: 0, right: 90, inverted: 180, left: 270 };
const OUTPUT_LINE = /^(\S+) (connected|disconnected|unknown connection)\b(.*)$/;

/** Parses `xrandr --query` or `xrandr --verbose` output; outputs in xrandr's order. */
export function parseXrandr(text: string): ConnectorInfo[] {
  const out: ConnectorInfo[] = [];
  let current: (ConnectorInfo & { preferred?: Size }) | null = null;
  let edidHex: string | null = null;
  const finishEdid = (): void => {
    if (current && edidHex !== null) {
      const bytes = hexToBytes(edidHex);
      const parsed = bytes && parseEdid(bytes);
      if (parsed && parsed.ok) current.edid = parsed.edid;
    }
    edidHex = null;
  };
  for (const line of text.split(/\r?\n/)) {
    const head = OUTPUT_LINE.exec(line);
    if (head) {
      finishEdid();
      const rest = head[3]!;
      // The rotation word stands outside parentheses: "(normal left inverted right …)" lists capabilities.
      const bare = rest.replace(/\([^)]*\)/g, ' ');
      const geo = /(\d+)x(\d+)\+(-?\d+)\+(-?\d+)/.exec(bare);
      const turn = /\b(normal|left|inverted|right)\b/.exec(bare);
      current = {
        connector: head[1]!,
        connected: head[2] === 'connected',
        active: head[2] === 'connected' && geo !== null,
        primary: /\bprimary\b/.test(bare),
        rotation: turn ? ROTATIONS[turn[1]!]! : 0,
        modes: [],
      };
      if (geo) current.bounds = { x: Number(geo[3]), y: Number(geo[4]), width: Number(geo[1]), height: Number(geo[2]) };
      out.push(current);
      continue;
    }
    if (!current) continue; // "Screen 0: minimum …"
    if (edidHex !== null) {
      const hex = /^\s+([0-9a-fA-F]+)\s*$/.exec(line);
      if (hex) {
        edidHex += hex[1];
        continue;
      }
      finishEdid();
    }
    if (/^\s+EDID:\s*$/.test(line)) {
      edidHex = '';
      continue;
    }
    // "   1920x1080     60.00*+  50.00" (query) or "  1920x1080 (0x48) 148.500MHz +HSync *current +preferred" (verbose).
    const mode = /^\s+(\d+)x(\d+)i?(?:\s|$)(.*)$/.exec(line);
    if (mode) {
      const size = { width: Number(mode[1]), height: Number(mode[2]) };
      const flags = mode[3]!;
      const preferred = /\+preferred|\d[ *]\+/.test(flags);
      if (!current.modes.some((m) => m.width === size.width && m.height === size.height)) {
        if (preferred) current.modes.unshift(size);
        else current.modes.push(size);
      } else if (preferred) {
        current.modes = [size, ...current.modes.filter((m) => m.width !== size.width || m.height !== size.height)];
      }
    }
  }
  finishEdid();
  return out;
}

/** One `/sys/class/drm/cardN-NAME/` folder: its files as read (text as is, `edid` as bytes). */
export interface DrmConnectorSnapshot {
  /** Folder name, e.g. `card0-DP-1`. */
  name: string;
  /** `connected`, `disconnected` or `unknown`. */
  status: string;
  /** `enabled` or `disabled` (whether a CRTC drives it); absent on old kernels. */
  enabled?: string;
  /** One mode per line, preferred first, e.g. `1920x1080`. */
  modes?: string;
  edid?: Uint8Array;
}

/**
 * Connectors from a sysfs snapshot, sorted by card and connector name. A name seen on two cards
 * keeps its card prefix (`card1-DP-1`), otherwise the prefix is dropped (`DP-1`).
 */
export function parseDrmSnapshot(entries: readonly DrmConnectorSnapshot[]): ConnectorInfo[] {
  const named = entries
    .map((e) => ({ e, short: e.name.replace(/^card\d+-/, '') }))
    .sort((a, b) => a.e.name.localeCompare(b.e.name, 'en', { numeric: true }));
  const count = new Map<string, number>();
  for (const { short } of named) count.set(short, (count.get(short) ?? 0) + 1);
  return named.map(({ e, short }): ConnectorInfo => {
    const connected = e.status.trim() === 'connected';
    const modes: Size[] = [];
    for (const m of (e.modes ?? '').split('\n')) {
      const hit = /^(\d+)x(\d+)/.exec(m.trim());
      if (hit && !modes.some((x) => x.width === Number(hit[1]) && x.height === Number(hit[2]))) {
        modes.push({ width: Number(hit[1]), height: Number(hit[2]) });
      }
    }
    const info: ConnectorInfo = {
      connector: count.get(short)! > 1 ? e.name : short,
      connected,
      active: connected && (e.enabled === undefined || e.enabled.trim() === 'enabled'),
      primary: false,
      rotation: 0,
      modes,
    };
    const parsed = e.edid && e.edid.length > 0 ? parseEdid(e.edid) : null;
    if (parsed?.ok) info.edid = parsed.edid;
    return info;
  });
}

export interface Detection {
  displays: DetectedDisplay[];
  /** Connected connectors that show nothing (no mode set, or disabled). */
  inactive: string[];
  /** Whether desktop positions were guessed (sysfs knows none): bounds selectors cannot be checked. */
  positionsGuessed: boolean;
}

/**
 * The active connectors as DetectedDisplays, numbered 1… in order (these ids are not Electron's).
 * Without desktop bounds (sysfs), displays are put side by side at their preferred mode.
 */
export function detectedFromConnectors(connectors: readonly ConnectorInfo[]): Detection {
  const result: Detection = { displays: [], inactive: [], positionsGuessed: false };
  let nextX = 0;
  for (const c of connectors) {
    if (!c.connected) continue;
    if (!c.active) {
      result.inactive.push(c.connector);
      continue;
    }
    let bounds = c.bounds;
    if (!bounds) {
      const mode = c.modes[0] ?? c.edid?.preferredMode ?? { width: 0, height: 0 };
      bounds = { x: nextX, y: 0, width: mode.width, height: mode.height };
      result.positionsGuessed = true;
    }
    nextX = Math.max(nextX, bounds.x + bounds.width);
    const d: DetectedDisplay = { id: result.displays.length + 1, label: c.connector, bounds, rotation: c.rotation, scaleFactor: 1 };
    if (c.edid?.name) d.edidName = c.edid.name;
    const serial = c.edid && edidSerial(c.edid);
    if (serial) d.serial = serial;
    result.displays.push(d);
  }
  return result;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A JSON list of displays (`--from FILE`): what the kiosk writes (DetectedDisplay[]), or a dump of
 * Electron's `screen.getAllDisplays()` (extra fields ignored), or `{ "displays": [...] }`. Missing
 * ids are numbered by position, rotation defaults to 0 and scaleFactor to 1. Every problem is
 * named by its path.
 */
export function parseDetectedDisplays(json: unknown): { ok: true; displays: DetectedDisplay[] } | { ok: false; errors: string[] } {
  const list = isObject(json) && Array.isArray(json.displays) ? json.displays : json;
  if (!Array.isArray(list)) return { ok: false, errors: ['expected a JSON array of displays (or { "displays": [...] })'] };
  const errors: string[] = [];
  const displays = list.flatMap((raw, i): DetectedDisplay[] => {
    const at = `[${i}]`;
    if (!isObject(raw)) {
      errors.push(`${at}: expected an object`);
      return [];
    }
    const b = raw.bounds;
    const int = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
    if (!isObject(b) || !int(b.x) || !int(b.y) || !int(b.width) || !int(b.height) || b.width <= 0 || b.height <= 0) {
      errors.push(`${at}.bounds: expected { x, y, width, height } in whole pixels, width and height above 0`);
      return [];
    }
    const rotation = raw.rotation ?? 0;
    if (rotation !== 0 && rotation !== 90 && rotation !== 180 && rotation !== 270) {
      errors.push(`${at}.rotation: expected 0, 90, 180 or 270`);
      return [];
    }
    const scaleFactor = raw.scaleFactor ?? 1;
    if (typeof scaleFactor !== 'number' || !(scaleFactor > 0)) {
      errors.push(`${at}.scaleFactor: expected a number above 0`);
      return [];
    }
    if (raw.id !== undefined && !int(raw.id)) {
      errors.push(`${at}.id: expected an integer`);
      return [];
    }
    const d: DetectedDisplay = { id: int(raw.id) ? raw.id : i + 1, bounds: { x: b.x, y: b.y, width: b.width, height: b.height }, rotation, scaleFactor };
    for (const key of ['label', 'edidName', 'serial'] as const) {
      const v = raw[key];
      if (v === undefined || v === '') continue;
      if (typeof v !== 'string') errors.push(`${at}.${key}: expected a string`);
      else d[key] = v;
    }
    return [d];
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, displays };
}
