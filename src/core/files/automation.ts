/**
 * `automation.yaml` (optional, beside wall.yaml; docs/automation.md): schema, then what the schema
 * cannot say — ids unique, dates that exist, `on` alone, from ≤ until — and the model with its
 * defaults. Checks against the layouts (unknown layout, overlapping entries) are in
 * automation-checks.ts; presets live in the hub, which reports an unknown one at run time.
 */
import { isCalendarDate } from '../automation/local-time.js';
import { NO_AUTOMATION, type Automation, type CapFeed, type Rotation, type ScheduleEntry, type SwitchTarget, type TakeoverRule } from '../automation/model.js';
import { hasErrors, type Diagnostic } from './diagnostics.js';
import type { SourceFile } from './load-result.js';
import { itemsFor, runSchema, validators, type CleanTest } from './schema-parts.js';
import { diagnosticAt } from './yaml-position.js';
import { parseYamlSource, type ParsedYaml } from './yaml-source.js';

type Raw = Record<string, unknown>;
type Path = (string | number)[];

/** A layout named by an entry, rotation item or rule, with where the name is (for unknown-layout). */
export interface LayoutReference {
  layout: string;
  path: Path;
}

export interface AutomationAnalysis {
  file: string;
  diagnostics: Diagnostic[];
  yaml?: ParsedYaml;
  /** The model, only when the file has no errors. */
  value?: Automation;
  /** Layouts named in the file (whatever else is wrong with it). */
  layoutRefs: LayoutReference[];
  /** Schedule entries that passed the schema (`at` and the dates sound), for the overlap check. */
  entries: { index: number; entry: ScheduleEntry }[];
}

function targetOf(raw: Raw): SwitchTarget {
  return typeof raw.layout === 'string' ? { layout: raw.layout } : { preset: raw.preset as string };
}

function entry(raw: Raw): ScheduleEntry {
  const out: ScheduleEntry = { id: raw.id as string, target: targetOf(raw), at: raw.at as string };
  if (Array.isArray(raw.days)) out.days = raw.days as ScheduleEntry['days'];
  for (const key of ['from', 'until', 'on'] as const) if (typeof raw[key] === 'string') out[key] = raw[key] as string;
  return out;
}

function rotation(raw: Raw): Rotation {
  const items = (raw.items as Raw[]).map((item) => ({ target: targetOf(item), durationS: item.durationS as number }));
  return { id: raw.id as string, ...(Array.isArray(raw.days) ? { days: raw.days as Rotation['days'] } : {}), from: raw.from as string, to: raw.to as string, items };
}

function rule(raw: Raw): TakeoverRule {
  return {
    id: raw.id as string,
    priority: (raw.priority as number | undefined) ?? 0,
    match: { ...(raw.match as TakeoverRule['match']) },
    target: targetOf(raw),
    mode: raw.mode as TakeoverRule['mode'],
    confirmTimeoutS: (raw.confirmTimeoutS as number | undefined) ?? 120,
    returnOn: (raw.returnOn as TakeoverRule['returnOn'] | undefined) ?? 'ack',
  };
}

function feed(raw: Raw): CapFeed {
  return { id: raw.id as string, url: raw.url as string, intervalS: (raw.intervalS as number | undefined) ?? 60, senders: raw.senders as string[] };
}

/** The model of a file without errors: every absent field takes NO_AUTOMATION's default. */
function automationOf(data: Raw): Automation {
  const takeover = (data.takeover ?? {}) as Raw;
  const cap = (data.cap ?? {}) as Raw;
  return {
    schedule: ((data.schedule ?? []) as Raw[]).map(entry),
    rotations: ((data.rotations ?? []) as Raw[]).map(rotation),
    holdMinutes: data.holdMinutes === undefined ? NO_AUTOMATION.holdMinutes : (data.holdMinutes as number | null),
    takeover: {
      rules: ((takeover.rules ?? []) as Raw[]).map(rule),
      minIntervalS: (takeover.minIntervalS as number | undefined) ?? NO_AUTOMATION.takeover.minIntervalS,
    },
    cap: {
      maxBodyBytes: (cap.maxBodyBytes as number | undefined) ?? NO_AUTOMATION.cap.maxBodyBytes,
      senders: (cap.senders as string[] | undefined) ?? [],
      feeds: ((cap.feeds ?? []) as Raw[]).map(feed),
    },
  };
}

/** The list at `path` (e.g. ['takeover', 'rules']) of the parsed data, and its items as `itemsFor` gives them. */
function listAt(data: Raw, path: string[]): unknown {
  let at: unknown = data;
  for (const key of path) at = at && typeof at === 'object' && !Array.isArray(at) ? (at as Raw)[key] : undefined;
  return at;
}

function sectionItems(data: Raw, path: string[], clean: CleanTest, reads: string[]): { index: number; value: Raw; at: Path }[] {
  const last = path[path.length - 1]!;
  const prefix = path.slice(0, -1);
  const scoped: CleanTest = (p) => clean([...prefix, ...p]);
  return itemsFor(listAt(data, path), last, scoped, reads, (raw) => raw).map((i) => ({ ...i, at: [...path, i.index] }));
}

/** Ids repeated within a list (or, for schedule and rotations, across the two: both are the audit's `via`). */
function duplicateIds(yaml: ParsedYaml, groups: { index: number; value: Raw; at: Path }[][], what: string, out: Diagnostic[]): void {
  const first = new Map<string, Path>();
  for (const item of groups.flat()) {
    const id = item.value.id;
    if (typeof id !== 'string') continue;
    const earlier = first.get(id);
    if (!earlier) first.set(id, item.at);
    else out.push(diagnosticAt(yaml, [...item.at, 'id'], 'duplicate-id', `${what} id "${id}" is already used by ${earlier.join('.').replace(/\.(\d+)/g, '[$1]')}`));
  }
}

function layoutRefsOf(items: { value: Raw; at: Path }[]): LayoutReference[] {
  return items.flatMap((i) => (typeof i.value.layout === 'string' ? [{ layout: i.value.layout, path: [...i.at, 'layout'] }] : []));
}

export function analyseAutomation(source: SourceFile): AutomationAnalysis {
  const { parsed: yaml, diagnostics } = parseYamlSource(source);
  if (!yaml) return { file: source.path, diagnostics, layoutRefs: [], entries: [] };
  const clean = runSchema(validators().automation, yaml, diagnostics);
  const data = (yaml.data && typeof yaml.data === 'object' ? yaml.data : {}) as Raw;

  const entries = sectionItems(data, ['schedule'], clean, ['id']);
  const rotations = sectionItems(data, ['rotations'], clean, ['id']);
  duplicateIds(yaml, [entries, rotations], 'schedule or rotation', diagnostics);
  duplicateIds(yaml, [sectionItems(data, ['takeover', 'rules'], clean, ['id'])], 'rule', diagnostics);
  duplicateIds(yaml, [sectionItems(data, ['cap', 'feeds'], clean, ['id'])], 'feed', diagnostics);

  const sound: { index: number; entry: ScheduleEntry }[] = [];
  for (const item of sectionItems(data, ['schedule'], clean, ['id', 'at', 'days', 'from', 'until', 'on'])) {
    const before = diagnostics.length;
    for (const key of ['from', 'until', 'on'] as const) {
      const date = item.value[key];
      if (typeof date === 'string' && !isCalendarDate(date)) diagnostics.push(diagnosticAt(yaml, [...item.at, key], 'date-does-not-exist', `"${date}" is not a date of the calendar`));
    }
    if (typeof item.value.on === 'string') {
      for (const key of ['days', 'from', 'until'] as const) {
        if (item.value[key] !== undefined) diagnostics.push(diagnosticAt(yaml, [...item.at, key], 'schedule-on-with-days', `"on" is a one-off date: an entry with "on" takes no "${key}"`, { key: true }));
      }
    }
    const { from, until } = item.value;
    if (typeof from === 'string' && typeof until === 'string' && from > until) {
      diagnostics.push(diagnosticAt(yaml, [...item.at, 'until'], 'schedule-until-before-from', `until "${until}" is before from "${from}": the entry would never run`));
    }
    if (diagnostics.length === before && (item.value.layout !== undefined || item.value.preset !== undefined)) sound.push({ index: item.index, entry: entry(item.value) });
  }

  // A rule that lists nothing to match takes the wall for every alert: allowed, but said.
  for (const item of sectionItems(data, ['takeover', 'rules'], clean, ['match'])) {
    const match = item.value.match;
    if (match && typeof match === 'object' && Object.keys(match).length === 0) {
      const message = 'match lists no field: every alert raised or updated takes the wall (list a severity, sector, area or source)';
      diagnostics.push(diagnosticAt(yaml, [...item.at, 'match'], 'takeover-matches-everything', message, { severity: 'warning' }));
    }
  }

  const rotationItems = rotations.flatMap((r) => sectionItems(r.value, ['items'], (p) => clean([...r.at, ...p]), ['layout']).map((i) => ({ ...i, at: [...r.at, ...i.at] })));
  const layoutRefs = [
    ...layoutRefsOf(sectionItems(data, ['schedule'], clean, ['layout'])),
    ...layoutRefsOf(rotationItems),
    ...layoutRefsOf(sectionItems(data, ['takeover', 'rules'], clean, ['layout'])),
  ];
  const ok = !hasErrors(diagnostics);
  return { file: source.path, diagnostics, yaml, ...(ok ? { value: automationOf(data) } : {}), layoutRefs, entries: sound };
}
