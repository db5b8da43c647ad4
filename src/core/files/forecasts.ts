/**
 * `forecasts.yaml` (optional, beside wall.yaml; docs/forecasts.md): the hub's baseline forecaster.
 * Schema, then what the schema cannot say: durations that fit together (the season and horizon
 * whole multiples of `every`, two seasons and the horizon within trainDays), a topic listed once,
 * and no baseline for a topic the file marks as a hazard — a hazard (flood level, fire alarm) is
 * forecast by a model that answers for it (PUT /api/forecasts), never by a generic baseline.
 */
import { hasErrors, type Diagnostic } from './diagnostics.js';
import type { SourceFile } from './load-result.js';
import { itemsFor, runSchema, validators } from './schema-parts.js';
import { diagnosticAt } from './yaml-position.js';
import { parseYamlSource, type ParsedYaml } from './yaml-source.js';

export interface BaselineSpec {
  topic: string;
  method: 'holt-winters';
  horizonMs: number;
  everyMs: number;
  seasonMs: number;
  trainDays: number;
}

export interface ForecastsConfig {
  /** Topic globs (`flood.water-level.*`): never forecast by the baseline. */
  hazards: string[];
  baseline: BaselineSpec[];
}

export const NO_FORECASTS: ForecastsConfig = { hazards: [], baseline: [] };

export const BASELINE_DEFAULTS = { horizon: '24h', every: '1h', season: '24h', trainDays: 14 } as const;

/** The most points a forecast may carry (LIMITS.forecastPoints of core/protocol, which this room may not import). */
const MAX_FORECAST_POINTS = 500;

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `"24h"` → 86 400 000; undefined for anything the schema's pattern refuses. */
export function parseDuration(text: string): number | undefined {
  const m = /^([1-9][0-9]{0,4})(m|h|d)$/.exec(text);
  return m ? Number(m[1]) * UNIT_MS[m[2]!]! : undefined;
}

/** Whether `topic` matches `glob`: `*` is one segment, a final `**` one or more. */
export function topicMatches(glob: string, topic: string): boolean {
  const g = glob.split('.');
  const t = topic.split('.');
  for (let i = 0; i < g.length; i++) {
    if (g[i] === '**' && i === g.length - 1) return t.length > i;
    if (i >= t.length || (g[i] !== '*' && g[i] !== t[i])) return false;
  }
  return g.length === t.length;
}

/** The first hazard glob `topic` matches, if any. */
export function hazardOf(topic: string, hazards: readonly string[]): string | undefined {
  return hazards.find((glob) => topicMatches(glob, topic));
}

export interface ForecastsAnalysis {
  file: string;
  diagnostics: Diagnostic[];
  yaml?: ParsedYaml;
  /** The config, only when the file has no errors. */
  value?: ForecastsConfig;
}

type Raw = Record<string, unknown>;

function specOf(raw: Raw): BaselineSpec {
  const text = (key: keyof typeof BASELINE_DEFAULTS & string): string => (typeof raw[key] === 'string' ? (raw[key] as string) : String(BASELINE_DEFAULTS[key]));
  return {
    topic: raw.topic as string,
    method: 'holt-winters',
    horizonMs: parseDuration(text('horizon'))!,
    everyMs: parseDuration(text('every'))!,
    seasonMs: parseDuration(text('season'))!,
    trainDays: typeof raw.trainDays === 'number' ? raw.trainDays : BASELINE_DEFAULTS.trainDays,
  };
}

/** The durations of a sound entry against each other; each problem at its field. */
function durationProblems(spec: BaselineSpec, raw: Raw, at: (string | number)[], yaml: ParsedYaml, out: Diagnostic[]): void {
  const { everyMs, seasonMs, horizonMs } = spec;
  // A default is named as such: the message then points at the entry, which does not write it.
  const said = (key: 'season' | 'horizon'): string => (typeof raw[key] === 'string' ? `${key} ${raw[key] as string}` : `${key} (default ${BASELINE_DEFAULTS[key]})`);
  const every = `"every" (${typeof raw.every === 'string' ? raw.every : BASELINE_DEFAULTS.every})`;
  if (seasonMs % everyMs !== 0 || seasonMs / everyMs < 2) out.push(diagnosticAt(yaml, [...at, 'season'], 'forecast-season', `${said('season')} must be a whole multiple of ${every}, at least two of them`));
  if (horizonMs % everyMs !== 0) out.push(diagnosticAt(yaml, [...at, 'horizon'], 'forecast-horizon', `${said('horizon')} must be a whole multiple of ${every}`));
  else if (horizonMs / everyMs > MAX_FORECAST_POINTS) out.push(diagnosticAt(yaml, [...at, 'horizon'], 'forecast-horizon', `makes ${horizonMs / everyMs} points: a forecast has at most ${MAX_FORECAST_POINTS} (a longer "every" or a shorter horizon)`));
  if (spec.trainDays * 86_400_000 < 2 * seasonMs + horizonMs) {
    out.push(diagnosticAt(yaml, [...at, 'trainDays'], 'forecast-train-days', 'is too short: training needs two seasons plus the horizon'));
  }
}

export function analyseForecasts(source: SourceFile): ForecastsAnalysis {
  const { parsed: yaml, diagnostics } = parseYamlSource(source);
  if (!yaml) return { file: source.path, diagnostics };
  const clean = runSchema(validators().forecasts, yaml, diagnostics);
  const data = (yaml.data && typeof yaml.data === 'object' ? yaml.data : {}) as Raw;
  const hazards = clean(['hazards']) && Array.isArray(data.hazards) ? (data.hazards as string[]) : [];

  const seen = new Map<string, number>();
  const baseline: BaselineSpec[] = [];
  for (const { index, value } of itemsFor(data.baseline, 'baseline', clean, ['topic', 'horizon', 'every', 'season', 'trainDays'], (raw) => raw)) {
    const at = ['baseline', index];
    const spec = specOf(value);
    const earlier = seen.get(spec.topic);
    if (earlier !== undefined) diagnostics.push(diagnosticAt(yaml, [...at, 'topic'], 'duplicate-topic', `topic "${spec.topic}" is already forecast by baseline[${earlier}]`));
    else seen.set(spec.topic, index);
    const hazard = hazardOf(spec.topic, hazards);
    if (hazard !== undefined) {
      const message = `"${spec.topic}" is a hazard topic (hazards: "${hazard}"): only a model may forecast it (PUT /api/forecasts)`;
      diagnostics.push(diagnosticAt(yaml, [...at, 'topic'], 'forecast-hazard-topic', message));
    }
    durationProblems(spec, value, at, yaml, diagnostics);
    baseline.push(spec);
  }
  const ok = !hasErrors(diagnostics);
  return { file: source.path, diagnostics, yaml, ...(ok ? { value: { hazards, baseline } } : {}) };
}
