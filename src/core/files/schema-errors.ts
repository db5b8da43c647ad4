/**
 * ajv's errors → one readable Diagnostic each, at the right line and column. Noise is collapsed:
 * `if` echoes are dropped, and a failed choice between forms (anyOf/oneOf) reports either the
 * errors of the one form whose type matches, or the schema's `errorMessage` once.
 */
import type { ErrorObject } from 'ajv';
import type { Diagnostic } from './diagnostics.js';
import { fieldPath } from './diagnostics.js';
import { didYouMean } from './suggest.js';
import { redactUserInfo } from '../wall/web-origin.js';
import type { JsonSchema } from './schemas/common.js';
import { diagnosticAt, type YamlFile } from './yaml-position.js';

type Path = (string | number)[];

/** Lets a loader give a missing field a specific code and sentence (e.g. a camera without source). */
export type MissingFieldHook = (parent: Path, missing: string) => { code: string; message: string } | undefined;

/** Lets a loader give an unknown field a specific code and sentence (e.g. a secret in wall.yaml's web credentials). */
export type UnknownFieldHook = (parent: Path, name: string) => { code: string; message: string } | undefined;

/** The data path of an error as segments; array indices become numbers. */
export function pathOf(instancePath: string, data: unknown): Path {
  const path: Path = [];
  if (!instancePath) return path;
  let node = data;
  for (const raw of instancePath.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      const index = Number(segment);
      path.push(index);
      node = node[index];
    } else {
      path.push(segment);
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
    }
  }
  return path;
}

/** Drops `if` echoes and resolves anyOf/oneOf into the errors worth showing. */
export function collapse(errors: readonly ErrorObject[]): ErrorObject[] {
  let list = errors.filter((e) => e.keyword !== 'if');
  const choices = list.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  // Innermost choices first, so an outer choice sees what its inner ones left.
  choices.sort((a, b) => b.schemaPath.length - a.schemaPath.length);
  for (const choice of choices) {
    const prefix = `${choice.schemaPath}/`;
    const under = (e: ErrorObject) =>
      e.schemaPath.startsWith(prefix) && (e.instancePath + '/').startsWith(choice.instancePath + '/');
    const inside = list.filter(under);
    const branches = Array.isArray(choice.schema) ? (choice.schema as JsonSchema[]) : [];
    const typed = branches.length > 0 && branches.every((b) => b.type !== undefined);
    const matching = branches
      .map((_, i) => i)
      .filter(
        (i) => !inside.some((e) => e.schemaPath === `${prefix}${i}/type` && e.instancePath === choice.instancePath),
      );
    if (typed && matching.length === 1) {
      const keep = `${prefix}${matching[0]}/`;
      list = list.filter((e) => e !== choice && (!under(e) || e.schemaPath.startsWith(keep)));
    } else {
      list = list.filter((e) => !under(e));
    }
  }
  return list;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping (key: value)',
  array: 'a list',
  null: 'empty',
};

/** Characters of a text a message quotes; the rest is cut (a 1 MB value is not repeated whole). */
export const QUOTED_TEXT_MAX = 120;

/** A text quoted in a message: user names and passwords in URLs dropped first, then cut to QUOTED_TEXT_MAX. */
function quoted(text: string): string {
  const safe = redactUserInfo(text);
  return JSON.stringify(safe.length > QUOTED_TEXT_MAX ? `${safe.slice(0, QUOTED_TEXT_MAX)}…` : safe);
}

/** How a value the user wrote reads in a message. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `text ${quoted(value)}`;
  return String(value);
}

/** A value quoted in a message; a URL's user name and password are never repeated. */
function shown(value: unknown): string {
  return typeof value === 'string' ? quoted(value) : describe(value);
}

function customMessage(error: ErrorObject): string | undefined {
  const message = (error.parentSchema as JsonSchema | undefined)?.errorMessage;
  return typeof message === 'string' ? message : undefined;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * A oneOf whose branches each only require one key ("exactly one of cell or rect"): say which
 * keys are there, and point at the second one when there are too many.
 */
function exclusiveKeys(error: ErrorObject, path: Path): { code: string; message: string; at: Path; key?: boolean } | undefined {
  const branches = Array.isArray(error.schema) ? (error.schema as JsonSchema[]) : [];
  const keys = branches.map((b) => {
    const required = b.required;
    return Object.keys(b).length === 1 && Array.isArray(required) && required.length === 1 ? String(required[0]) : undefined;
  });
  const data = error.data as Record<string, unknown> | null;
  if (keys.some((k) => k === undefined) || data === null || typeof data !== 'object') return undefined;
  const quoted = (list: (string | undefined)[]) => list.map((k) => `"${String(k)}"`).join(' or ');
  const present = keys.filter((k): k is string => k !== undefined && data[k] !== undefined);
  if (present.length === 0) return { code: 'invalid-shape', message: `needs one of ${quoted(keys)}`, at: path };
  const message = `has both ${present.map((k) => `"${k}"`).join(' and ')}: keep only one`;
  return { code: 'invalid-shape', message, at: [...path, present[1] as string], key: true };
}

/** One ajv error → code, message and where to point. */
function describeError(error: ErrorObject, path: Path): { code: string; message: string; at: Path; key?: boolean } {
  const p = error.params as Record<string, unknown>;
  const custom = customMessage(error);
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(p.additionalProperty);
      const known = Object.keys(((error.parentSchema as JsonSchema | undefined)?.properties as object) ?? {});
      const hint = didYouMean(name, known) || (known.length > 0 ? ` (expected one of: ${known.join(', ')})` : '');
      return { code: 'unknown-field', message: `unknown field "${name}"${hint}`, at: [...path, name], key: true };
    }
    case 'required':
      return {
        code: 'missing-field',
        message: `required field "${String(p.missingProperty)}" is missing`,
        at: [...path, String(p.missingProperty)],
      };
    case 'type': {
      const types = Array.isArray(p.type) ? p.type.map(String) : String(p.type).split(',');
      const expected = types.map((t) => TYPE_NAMES[t] ?? t).join(' or ');
      return { code: 'wrong-type', message: `must be ${expected}, not ${describe(error.data)}`, at: path };
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(String);
      const hint = typeof error.data === 'string' ? didYouMean(error.data, allowed).replace(/^ \(|\)$/g, '') : '';
      const got = `got ${shown(error.data)}${hint ? `; ${hint}` : ''}`;
      return { code: 'invalid-enum', message: `must be one of: ${allowed.join(', ')} (${got})`, at: path };
    }
    case 'pattern':
    case 'format':
    case 'minLength':
    case 'maxLength':
      return {
        code: 'invalid-format',
        message: `${custom ?? error.message ?? 'is not valid'} (got ${shown(error.data)})`,
        at: path,
      };
    case 'minimum':
      return { code: 'out-of-range', message: `must be at least ${String(p.limit)} (got ${shown(error.data)})`, at: path };
    case 'maximum':
      return { code: 'out-of-range', message: `must be at most ${String(p.limit)} (got ${shown(error.data)})`, at: path };
    case 'exclusiveMinimum':
      return { code: 'out-of-range', message: `must be greater than ${String(p.limit)} (got ${shown(error.data)})`, at: path };
    case 'exclusiveMaximum':
      return { code: 'out-of-range', message: `must be less than ${String(p.limit)} (got ${shown(error.data)})`, at: path };
    case 'multipleOf':
      return { code: 'out-of-range', message: `must be a multiple of ${String(p.multipleOf)}`, at: path };
    case 'minItems':
      return { code: 'invalid-list', message: `must have at least ${plural(Number(p.limit), 'item')}`, at: path };
    case 'maxItems':
      return { code: 'invalid-list', message: `must have at most ${plural(Number(p.limit), 'item')}`, at: path };
    case 'uniqueItems': {
      const [first, again] = [Number(p.j), Number(p.i)].sort((a, b) => a - b) as [number, number];
      const message = `repeats an earlier item (same as ${fieldPath([...path, first])})`;
      return { code: 'invalid-list', message, at: [...path, again] };
    }
    case 'oneOf': {
      const either = exclusiveKeys(error, path);
      if (either) return either;
      return { code: 'invalid-shape', message: custom ?? `does not match any allowed form`, at: path };
    }
    case 'anyOf':
    case 'not':
      return { code: 'invalid-shape', message: custom ?? `does not match any allowed form`, at: path };
    default:
      return { code: 'schema', message: error.message ?? `fails "${error.keyword}"`, at: path };
  }
}

/**
 * All of a file's schema errors as diagnostics, in ajv's order (callers sort), without duplicates;
 * `paths` are the fields found wrong, so that later checks can skip them.
 */
export function schemaDiagnostics(
  yaml: YamlFile,
  data: unknown,
  errors: readonly ErrorObject[],
  onMissingField?: MissingFieldHook,
  onUnknownField?: UnknownFieldHook,
): { diagnostics: Diagnostic[]; paths: Path[] } {
  const diagnostics: Diagnostic[] = [];
  const paths: Path[] = [];
  const seen = new Set<string>();
  for (const error of collapse(errors)) {
    const path = pathOf(error.instancePath, data);
    let { code, message, at, key } = describeError(error, path);
    if (error.keyword === 'required') {
      const special = onMissingField?.(path, String((error.params as { missingProperty: string }).missingProperty));
      if (special) ({ code, message } = special);
    }
    if (error.keyword === 'additionalProperties') {
      const special = onUnknownField?.(path, String((error.params as { additionalProperty: string }).additionalProperty));
      if (special) ({ code, message } = special);
    }
    paths.push(at);
    const d = diagnosticAt(yaml, at, code, message, { key: key ?? false });
    d.field = fieldPath(error.keyword === 'required' ? path : at);
    const id = `${d.field}\u0000${d.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    diagnostics.push(d);
  }
  return { diagnostics, paths };
}
