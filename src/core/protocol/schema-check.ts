/**
 * Runs a validator generated from a message's JSON Schema (generated/validators.ts, built from
 * schemas/) and words its errors the way every receiver answers: one per field, named by its path
 * (`updates[3].topic: must be a string`, `fooBar: is not a known field`), unknown fields first, at
 * most MAX_ERRORS. On success the value is the payload itself, its text in NFC (the validators
 * normalise it in place, `x-nfc`), after the message's own checks that a schema cannot say (`after`).
 */
import { PROTOCOL_SCHEMAS, type Schema } from './schemas/index.js';
import { LINE_TEXT, MULTILINE_TEXT } from './schemas/fields.js';

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** An error as ajv's generated code reports it (options verbose and messages off). */
interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
}
/** A generated validator: true or false, and the errors of its last run. */
export interface CompiledCheck {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

/** Errors one answer lists at most. */
export const MAX_ERRORS = 20;

/** `${at}: ${message}`, unless MAX_ERRORS are there already. */
export function fail(errors: string[], at: string, message: string): false {
  if (errors.length < MAX_ERRORS) errors.push(`${at || 'payload'}: ${message}`);
  return false;
}

/** A JSON pointer (`/updates/3/topic`) as the path people read (`updates[3].topic`). */
function readablePath(pointer: string): string {
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(part) ? `[${part}]` : out ? `.${part}` : part;
  }
  return out;
}

/**
 * An unknown field's name as people read it: quoted (JSON) unless it is a plain word, so that an
 * empty or blank name, or one holding dots, colons or control characters, is still seen and cannot
 * pass for a path (`" ": is not a known field`, not ` : is not a known field`).
 */
function fieldName(key: string): string {
  const cut = key.slice(0, 40);
  return /^[A-Za-z_$][\w$-]*$/.test(cut) ? cut : JSON.stringify(cut);
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** The value at a JSON pointer, own properties only. */
function valueAt(root: unknown, pointer: string): unknown {
  let v = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (typeof v !== 'object' || v === null || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** The schema holding the failed keyword (`#/properties/a/maxLength` → the schema of `a`). */
function schemaAt(root: Schema, schemaPath: string): Schema {
  let s: unknown = root;
  for (const part of schemaPath.split('/').slice(1, -1)) s = (s as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return (s ?? {}) as Schema;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'must be a string',
  number: 'must be a finite number',
  array: 'must be an array',
  object: 'must be an object',
  boolean: 'must be a boolean',
  null: 'must be null',
};

/** One error in words, or null for those that only repeat another (a failed `if`). */
function word(e: SchemaError, schema: Schema, value: unknown): { at: string; message: string } | null {
  const at = readablePath(e.instancePath);
  const custom = (schema['x-messages'] as Record<string, string> | undefined)?.[e.keyword];
  if (custom) return { at, message: custom };
  const p = e.params;
  switch (e.keyword) {
    case 'required':
      return { at: join(at, String(p.missingProperty)), message: 'is required' };
    case 'additionalProperties':
      return { at: join(at, fieldName(String(p.additionalProperty))), message: 'is not a known field' };
    case 'type': {
      const type = String([p.type].flat()[0]);
      if (type === 'integer') return { at, message: typeof value === 'number' && Number.isFinite(value) ? 'must be an integer' : TYPE_WORDS.number! };
      return { at, message: TYPE_WORDS[type] ?? `must be ${type}` };
    }
    case 'minimum':
    case 'maximum':
      return { at, message: `must be between ${String(schema.minimum)} and ${String(schema.maximum)}` };
    case 'maxLength':
      return { at, message: `is longer than ${String(p.limit)} characters` };
    case 'minLength':
      return { at, message: 'must not be empty' };
    case 'pattern':
      return { at, message: p.pattern === LINE_TEXT || p.pattern === MULTILINE_TEXT ? 'contains control characters' : `must match ${String(p.pattern)}` };
    case 'enum':
      return { at, message: `must be one of ${(schema.enum as unknown[]).join(', ')}` };
    case 'const':
      return { at, message: `must be ${JSON.stringify(p.allowedValue)}` };
    case 'maxItems':
      return { at, message: `has more than ${String(p.limit)} items` };
    case 'minItems':
      return { at, message: `needs at least ${String(p.limit)} item(s)` };
    case 'if':
      return null;
    default:
      return { at, message: `fails ${e.keyword}` };
  }
}

/** The errors in words: the first per field, unknown fields first. */
function words(errors: readonly SchemaError[], root: Schema, value: unknown): string[] {
  const seen = new Set<string>();
  const unknown: string[] = [];
  const others: string[] = [];
  for (const e of errors) {
    const w = word(e, schemaAt(root, e.schemaPath), valueAt(value, e.instancePath));
    if (!w || seen.has(w.at)) continue;
    seen.add(w.at);
    (e.keyword === 'additionalProperties' ? unknown : others).push(`${w.at || 'payload'}: ${w.message}`);
  }
  const out = [...unknown, ...others].slice(0, MAX_ERRORS);
  return out.length ? out : ['payload: is invalid'];
}

/**
 * Checks `v` as message `name`: the generated validator, then `after` (the checks a schema cannot
 * say, such as a JSON value's caps), which reports with fail().
 */
export function runCheck<T>(
  name: keyof typeof PROTOCOL_SCHEMAS,
  validate: CompiledCheck,
  v: unknown,
  after?: (value: T, errors: string[]) => void,
): Checked<T> {
  // A message that is one string has no parent to normalise it in: it is normalised here.
  const value = typeof v === 'string' && v.length <= 10_000 ? v.normalize('NFC') : v;
  let valid: boolean;
  try {
    valid = validate(value);
  } catch {
    // Only writing NFC text back into a frozen (in-process) payload can throw: JSON.parse makes none.
    return { ok: false, errors: ['payload: is read-only and holds text not in NFC'] };
  }
  if (!valid) return { ok: false, errors: words(validate.errors ?? [], PROTOCOL_SCHEMAS[name], value) };
  const errors: string[] = [];
  after?.(value as T, errors);
  return errors.length ? { ok: false, errors } : { ok: true, value: value as T };
}
