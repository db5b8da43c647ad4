/**
 * Which parts of a file passed the schema: ajv compiled once, its errors turned into diagnostics, and
 * the clean parts handed to the rules (validate.ts), so that a schema error hides only the rules that
 * read the broken field.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import type { Diagnostic } from './diagnostics.js';
import { schemaDiagnostics, type MissingFieldHook, type UnknownFieldHook } from './schema-errors.js';
import { AUTOMATION_SCHEMA, CAMERAS_SCHEMA, FEDERATION_SCHEMA, FORECASTS_SCHEMA, LAYOUT_SCHEMA, THEME_SCHEMA, WALL_SCHEMA } from './schemas/index.js';
import type { Indexed } from './checks.js';
import type { ParsedYaml } from './yaml-source.js';

type Path = (string | number)[];
type Raw = Record<string, unknown>;

let compiled: { wall: ValidateFunction; layout: ValidateFunction; theme: ValidateFunction; cameras: ValidateFunction; automation: ValidateFunction; federation: ValidateFunction; forecasts: ValidateFunction } | undefined;

/**
 * ajv is compiled once, on first use. Its code optimiser is off: it takes compiling the three
 * schemas from ~850 ms to ~190 ms, and validating a hand-written file is fast either way.
 */
export function validators() {
  if (!compiled) {
    const ajv = new Ajv({
      allErrors: true,
      verbose: true,
      strict: true,
      strictTypes: false,
      strictRequired: false,
      code: { optimize: false },
    });
    ajv.addKeyword({ keyword: 'errorMessage', schemaType: 'string' });
    compiled = {
      wall: ajv.compile(WALL_SCHEMA),
      layout: ajv.compile(LAYOUT_SCHEMA),
      theme: ajv.compile(THEME_SCHEMA),
      cameras: ajv.compile(CAMERAS_SCHEMA),
      automation: ajv.compile(AUTOMATION_SCHEMA),
      federation: ajv.compile(FEDERATION_SCHEMA),
      forecasts: ajv.compile(FORECASTS_SCHEMA),
    };
  }
  return compiled;
}

/** Whether `path` and everything under it passed the schema (no error at, above or below it). */
export type CleanTest = (path: Path) => boolean;

/** A list of bad paths as a CleanTest. */
function cleanTest(bad: Path[]): CleanTest {
  const badText = bad.map((p) => p.map(String));
  return (path) => {
    const want = path.map(String);
    return !badText.some((b) => {
      const n = Math.min(b.length, want.length);
      for (let i = 0; i < n; i++) if (b[i] !== want[i]) return false;
      return true;
    });
  };
}

export function runSchema(
  validate: ValidateFunction,
  yaml: ParsedYaml,
  diagnostics: Diagnostic[],
  onMissingField?: MissingFieldHook,
  onUnknownField?: UnknownFieldHook,
): CleanTest {
  if (validate(yaml.data)) return () => true;
  const result = schemaDiagnostics(yaml, yaml.data, validate.errors ?? [], onMissingField, onUnknownField);
  diagnostics.push(...result.diagnostics);
  return cleanTest(result.paths);
}

/**
 * The items of a list that one rule can check, so that a schema error in one field of an item hides
 * only the rules that read that field: an item is kept when it is a mapping and every field the rule
 * `reads` passed the schema (an error on the item as a whole, such as "needs one of cell or rect",
 * drops it). Its other broken fields are left out before `make`, so their defaults apply.
 */
export function itemsFor<T>(data: unknown, key: string, clean: CleanTest, reads: readonly string[], make: (raw: Raw) => T): Indexed<T>[] {
  if (!Array.isArray(data)) return [];
  const out: Indexed<T>[] = [];
  data.forEach((raw: unknown, index) => {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return;
    const at = [key, index];
    if (!reads.every((field) => clean([...at, field]))) return;
    const sound = Object.fromEntries(Object.entries(raw as Raw).filter(([field]) => clean([...at, field])));
    out.push({ index, value: make(sound) });
  });
  return out;
}

export function cleanString(data: Record<string, unknown>, key: string, clean: CleanTest): string | undefined {
  const value = data[key];
  return typeof value === 'string' && clean([key]) ? value : undefined;
}
