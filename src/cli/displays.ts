/**
 * `wallrun displays`: the displays connected to this PC against the screens wall.yaml gives its
 * node: per screen the selector it expects and the display that answers (or why none does, in
 * the words the kiosk logs at start-up), then the displays no screen asks for. Exit 0 when every
 * screen of the node has its display, 1 when one is missing, 2 when nothing could be checked.
 */
import { hostname } from 'node:os';
import { checkDisplays, chooseNode, describeDisplay, describeSelector } from '../core/displays/display-replan.js';
import type { DetectedDisplay } from '../core/displays/displays.js';
import { gridPosition } from '../core/displays/identify.js';
import type { Screen, Wall } from '../core/wall/model.js';
import { matchDisplays, nodeScreens } from '../core/displays/window-plan.js';
import { readDisplays, type DisplaySource } from '../node/display-sources.js';
import { loadWallForInspect } from '../node/load-wall.js';
import { formatTable } from './table.js';

export interface ScreenStatus {
  screen: string;
  grid: string;
  expected: string;
  /** `warn`: a display answers, but its mode or rotation is not what wall.yaml says. */
  status: 'ok' | 'warn' | 'missing' | 'ambiguous' | 'taken';
  display?: DetectedDisplay;
  /** The matched display, or why there is none. */
  detail: string;
  warnings: string[];
  /** The line the kiosk logs at start-up for a missing screen. */
  message?: string;
}

export interface DisplaysReport {
  wall: string;
  node: string;
  source: DisplaySource['source'];
  from: string;
  ok: boolean;
  screens: ScreenStatus[];
  displays: DetectedDisplay[];
  unused: DetectedDisplay[];
  inactive: string[];
  notes: string[];
}

function displayText(d: DetectedDisplay): string {
  const edid = d.edidName ? ` "${d.edidName}"` : '';
  const serial = d.serial ? ` #${d.serial}` : '';
  return `${describeDisplay(d)}${edid}${serial}`;
}

/** Mode and rotation against wall.yaml (sysfs knows neither rotation nor the current mode: its native one). */
function warningsFor(screen: Screen, d: DetectedDisplay, source: DisplaySource['source']): string[] {
  const out: string[] = [];
  const quarter = source !== 'sysfs' && (screen.rotation === 90 || screen.rotation === 270);
  const want = quarter ? { width: screen.resolution.height, height: screen.resolution.width } : screen.resolution;
  const w = Math.round(d.bounds.width * d.scaleFactor);
  const h = Math.round(d.bounds.height * d.scaleFactor);
  if (w !== want.width || h !== want.height) out.push(`mode ${w}x${h}, wall.yaml expects ${want.width}x${want.height}`);
  if (source !== 'sysfs' && d.rotation !== screen.rotation) out.push(`rotated ${d.rotation}°, wall.yaml says ${screen.rotation}°`);
  return out;
}

function notesFor(screens: readonly Screen[], src: DisplaySource): string[] {
  const uses = (kind: string): boolean => screens.some((s) => kind in s.display);
  const notes = src.skipped.map((s) => `not used: ${s}`);
  if (src.detection.positionsGuessed && uses('bounds')) {
    notes.push(`${src.from} has no desktop positions: bounds selectors cannot be checked here (run it under X, or use --from)`);
  }
  if (src.source !== 'file' && uses('displayId')) {
    notes.push('display ids are numbers Electron makes up: check displayId selectors with --from ~/.config/wallrun/displays.json');
  }
  if (src.source === 'file' && (uses('edidName') || uses('serial')) && !src.detection.displays.some((d) => d.edidName || d.serial)) {
    notes.push(`${src.from} has no EDID names or serials (written by a kiosk without xrandr, or Electron's own list): edidName and serial selectors cannot match it`);
  }
  return notes;
}

export function displaysReport(wall: Wall, node: string, src: DisplaySource): DisplaysReport {
  const displays = src.detection.displays;
  const match = matchDisplays(wall, node, displays);
  const check = checkDisplays(wall, node, displays);
  const screens = nodeScreens(wall, node);
  const rows = screens.map((screen): ScreenStatus => {
    const base = { screen: screen.id, grid: gridPosition(wall, screen).en, expected: describeSelector(screen.display) };
    const miss = check.missing.find((m) => m.screenId === screen.id);
    if (miss) return { ...base, status: miss.reason === 'absent' ? 'missing' : miss.reason, detail: miss.why, warnings: [], message: miss.message };
    const display = match.matched.find((m) => m.screen === screen)!.display;
    const warnings = warningsFor(screen, display, src.source);
    const detail = [displayText(display), ...warnings].join(': ');
    return { ...base, status: warnings.length > 0 ? 'warn' : 'ok', display, detail, warnings };
  });
  return {
    wall: wall.id,
    node,
    source: src.source,
    from: src.from,
    ok: check.ok,
    screens: rows,
    displays: [...displays],
    unused: check.unused,
    inactive: src.detection.inactive,
    notes: notesFor(screens, src),
  };
}

const STATUS_WORD: Record<ScreenStatus['status'], string> = { ok: 'ok', warn: 'CHECK', missing: 'MISSING', ambiguous: 'AMBIGUOUS', taken: 'TAKEN' };

/** The report as text; `color` wraps problem rows in ANSI red, doubtful ones in yellow. */
export function formatDisplays(r: DisplaysReport, color: boolean): string {
  const paint = (code: string, s: string): string => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const table = formatTable(
    ['screen', 'grid position', 'expected', 'status', 'display'],
    r.screens.map((s) => [s.screen, s.grid, s.expected, STATUS_WORD[s.status], s.detail]),
  ).split('\n');
  const lines = table.map((line, i) => {
    const s = r.screens[i - 2];
    if (!s || s.status === 'ok') return line;
    return s.status === 'warn' ? paint('33', line) : paint('1;31', line);
  });
  const found = `${r.displays.length} display${r.displays.length === 1 ? '' : 's'} connected`;
  const out = [`Node ${r.node} of wall ${r.wall}: ${r.screens.length} screens, ${found} (${r.from})`, '', ...lines];
  if (r.unused.length > 0) {
    out.push('', `Unused displays (no screen of ${r.node} asks for them):`, ...r.unused.map((d) => paint('33', `  ${displayText(d)}`)));
  }
  if (r.inactive.length > 0) {
    out.push('', paint('33', `Connected but showing nothing (no mode set, or disabled): ${r.inactive.join(', ')}`));
  }
  if (r.notes.length > 0) out.push('', 'Notes:', ...r.notes.map((n) => `  ${n}`));
  return `${out.join('\n')}\n`;
}

export interface DisplaysOptions {
  root: string;
  wallFile: string;
  node?: string;
  from?: string;
  json: boolean;
  /** Colour the text report (the caller decides: stdout is a TTY and NO_COLOR is unset). */
  color: boolean;
}

/** Runs the command; returns the exit code. */
export async function displaysCommand(opts: DisplaysOptions): Promise<number> {
  const say = (line: string): void => void process.stderr.write(`wallrun: ${line}\n`);
  const { wall } = loadWallForInspect(opts.root, opts.wallFile);
  if (!wall) return 2;
  const chosen = chooseNode(wall, opts.node, hostname());
  if ('error' in chosen) {
    say(chosen.error.replace('start it with --node=ID or WALLRUN_NODE=ID', 'pass --node ID'));
    return 2;
  }
  const src = await readDisplays(opts.from === undefined ? {} : { from: opts.from });
  if ('error' in src) {
    for (const line of src.error.split('\n')) say(line);
    return 2;
  }
  const report = displaysReport(wall, chosen.node, src);
  process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatDisplays(report, opts.color));
  // The same lines the kiosk logs at start-up, so a technician can search the journal for them.
  for (const s of report.screens) if (s.message) say(s.message);
  return report.ok ? 0 : 1;
}
