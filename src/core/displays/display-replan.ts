/**
 * What changes when displays come and go: given the windows open now and the displays enumerated
 * after a hot-plug, removal or mode change, which windows to close, create or move, and which of
 * the node's screens are missing, named so a technician knows which cable to check.
 *
 * A window is the same window when it shows the same screens. Such a window keeps its id across
 * re-plans (its page's persisted state, such as the ack queue, is keyed by it); new windows get
 * the lowest free `${node}/wN`.
 */
import type { DisplaySelector, Wall } from '../wall/model.js';
import { matchDisplays, planWindows, selectorMatches, type DetectedDisplay, type PlannedWindow } from './window-plan.js';

export interface MissingScreen {
  screenId: string;
  /** The selector as people read it: `connector DP-3`. */
  selector: string;
  /** absent: no display answers; ambiguous: several do; taken: an earlier screen has it. */
  reason: 'absent' | 'ambiguous' | 'taken';
  /** The reason in a few words, e.g. `no display with connector DP-3` (for tables). */
  why: string;
  /** The whole line the shells log: which screen, its node and selector, why, what is connected. */
  message: string;
}

export interface DisplayCheck {
  ok: boolean;
  missing: MissingScreen[];
  /** Connected displays no screen of this node asked for. */
  unused: DetectedDisplay[];
}

export interface WindowMove {
  from: PlannedWindow;
  /** The new plan's window, carrying `from.id`. */
  to: PlannedWindow;
  /** Its size or content changed: the page must reload with the new window (else only setBounds). */
  reload: boolean;
}

export interface Replan {
  /** The new plan (ids kept for windows that survive). */
  plan: PlannedWindow[];
  keep: PlannedWindow[];
  move: WindowMove[];
  close: PlannedWindow[];
  create: PlannedWindow[];
  check: DisplayCheck;
}

export function describeSelector(s: DisplaySelector): string {
  if ('connector' in s) return `connector ${s.connector}`;
  if ('edidName' in s) return `EDID "${s.edidName}"${s.serial ? ` #${s.serial}` : ''}`;
  if ('serial' in s) return `serial ${s.serial}`;
  if ('displayId' in s) return `display id ${s.displayId}`;
  const b = s.bounds;
  return `bounds ${b.width}x${b.height}+${b.x}+${b.y}`;
}

export function describeDisplay(d: DetectedDisplay): string {
  const b = d.bounds;
  const name = d.label ? `${d.label} ` : '';
  return `${name}(id ${d.id}, ${b.width}x${b.height}+${b.x}+${b.y}${d.rotation ? `, rotated ${d.rotation}°` : ''})`;
}

/**
 * A display as a technician compares it with a selector: by the property that selector reads
 * (connector name, EDID name and serial, id or bounds), with the connector alongside where useful.
 */
export function displayKey(selector: DisplaySelector, d: DetectedDisplay): string {
  const on = d.label ? ` on ${d.label}` : '';
  const fallback = d.label ?? `id ${d.id}`;
  if ('connector' in selector) return fallback;
  if ('edidName' in selector) return d.edidName ? `"${d.edidName}"${d.serial ? ` #${d.serial}` : ''}${on}` : `${fallback} (no EDID name)`;
  if ('serial' in selector) return d.serial ? `#${d.serial}${on}` : `${fallback} (no serial)`;
  if ('displayId' in selector) return `id ${d.id}${d.label ? ` (${d.label})` : ''}`;
  const b = d.bounds;
  return `${b.width}x${b.height}+${b.x}+${b.y}${d.label ? ` (${d.label})` : ''}`;
}

/**
 * The start-up check: every screen of the node that has no display, with why. The messages are
 * what both shells print at start-up and `wallrun displays` prints, e.g.
 * `screen r2c3 (node-2, connector DP-3): no display with connector DP-3 — connected: DP-1, DP-2`.
 */
export function checkDisplays(wall: Wall, nodeId: string, displays: readonly DetectedDisplay[]): DisplayCheck {
  const match = matchDisplays(wall, nodeId, displays);
  const missing = match.missing.map((screen): MissingScreen => {
    const selector = describeSelector(screen.display);
    const head = `screen ${screen.id} (${screen.node}, ${selector})`;
    const key = (d: DetectedDisplay): string => displayKey(screen.display, d);
    const fits = displays.filter((d) => selectorMatches(screen.display, d));
    const miss = (reason: MissingScreen['reason'], why: string, tail = ''): MissingScreen => ({ screenId: screen.id, selector, reason, why, message: `${head}: ${why}${tail}` });
    if (fits.length > 1) {
      return miss('ambiguous', `${fits.length} displays answer to it (${fits.map(key).join(', ')})`, '; make its selector unique in wall.yaml');
    }
    if (fits.length === 1) {
      const owner = match.matched.find((m) => m.display === fits[0])?.screen.id ?? 'another screen';
      return miss('taken', `its display ${key(fits[0]!)} is already used by screen ${owner}`);
    }
    const connected = displays.length > 0 ? displays.map(key).join(', ') : 'none';
    return miss('absent', `no display with ${selector}`, ` — connected: ${connected}`);
  });
  return { ok: missing.length === 0, missing, unused: match.unused };
}

/**
 * What a shell logs when it (re-)plans, at start-up and after display changes: the displays it
 * found, one line per missing screen (checkDisplays' messages), and the plan. Electron main and
 * the browser shell print exactly these lines, each prefixed `wallrun: `.
 */
export function planLogLines(displays: readonly DetectedDisplay[], check: DisplayCheck, plan: readonly PlannedWindow[]): string[] {
  return [
    `displays: ${displays.map(describeDisplay).join(', ') || 'none'}`,
    ...check.missing.map((m) => m.message),
    `plan: ${plan.map((w) => `${w.id} [${w.screens.map((s) => s.screenId).join(' ')}]`).join(', ') || 'no windows'}`,
  ];
}

/** Identity of a window across plans: the screens it shows. */
export function windowKey(w: PlannedWindow): string {
  return w.screens.map((s) => s.screenId).join(',');
}

const json = (v: unknown): string => JSON.stringify(v);

/** Same page content and size: only the desktop position or display ids differ. */
function sameContent(a: PlannedWindow, b: PlannedWindow): boolean {
  return (
    a.bounds.width === b.bounds.width &&
    a.bounds.height === b.bounds.height &&
    json(a.viewport) === json(b.viewport) &&
    json(a.screens.map(({ displayId: _, ...rest }) => rest)) === json(b.screens.map(({ displayId: _, ...rest }) => rest))
  );
}

/** Re-plans a node against newly enumerated displays and says how to get from `old` to it. */
export function replan(wall: Wall, nodeId: string, old: readonly PlannedWindow[], displays: readonly DetectedDisplay[]): Replan {
  const fresh = planWindows(wall, nodeId, displays);
  const oldByKey = new Map(old.map((w) => [windowKey(w), w]));
  const usedIds = new Set(fresh.flatMap((w) => oldByKey.get(windowKey(w))?.id ?? []));
  let next = 0;
  const freeId = (): string => {
    while (usedIds.has(`${nodeId}/w${next}`)) next++;
    const id = `${nodeId}/w${next}`;
    usedIds.add(id);
    return id;
  };
  const result: Replan = { plan: [], keep: [], move: [], close: [], create: [], check: checkDisplays(wall, nodeId, displays) };
  const survivors = new Set<PlannedWindow>();
  for (const w of fresh) {
    const before = oldByKey.get(windowKey(w));
    if (!before) {
      const created = { ...w, id: freeId() };
      result.plan.push(created);
      result.create.push(created);
      continue;
    }
    const to = { ...w, id: before.id };
    survivors.add(before);
    result.plan.push(to);
    if (json(to) === json(before)) result.keep.push(before);
    else result.move.push({ from: before, to, reload: !sameContent(before, to) });
  }
  result.close = old.filter((w) => !survivors.has(w));
  return result;
}

/**
 * Which node of the wall this PC is: the one asked for, else the node named like the host, else
 * the only node. An error names the nodes to choose from.
 */
export function chooseNode(wall: Wall, requested: string | undefined, hostname: string | undefined): { node: string } | { error: string } {
  const ids = wall.nodes.map((n) => n.id);
  if (requested !== undefined) {
    return ids.includes(requested) ? { node: requested } : { error: `node "${requested}" is not in ${wall.file} (nodes: ${ids.join(', ')})` };
  }
  if (hostname !== undefined && ids.includes(hostname)) return { node: hostname };
  if (ids.length === 1) return { node: ids[0]! };
  return { error: `this PC (${hostname ?? 'unknown host'}) is none of the wall's nodes (${ids.join(', ')}): start it with --node=ID or WALLRUN_NODE=ID` };
}
