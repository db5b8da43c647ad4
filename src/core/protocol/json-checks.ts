/**
 * Combinators that check untrusted JSON against a shape: wrong types, missing and unknown fields,
 * lengths and sizes are errors, each named by its path (`updates[3].topic: must be a string`).
 * Checkers return the value (strings normalised to NFC), so callers use what was checked, not what
 * came in. No code generation: they run under a strict CSP in the page.
 */
import { LIMITS, type JsonValue } from './limits.js';

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: string[] };

export const FAIL: unique symbol = Symbol('fail');
export type Checker<T> = (v: unknown, at: string, errors: string[]) => T | typeof FAIL;
interface Optional<T> {
  optional: Checker<T>;
}
/** A checker per property; optional properties take `opt(...)`. */
type Shape<T> = {
  [K in keyof T]-?: object extends Pick<T, K> ? Optional<Exclude<T[K], undefined>> : Checker<T[K]>;
};

const MAX_ERRORS = 20;
export function fail(errors: string[], at: string, message: string): typeof FAIL {
  if (errors.length < MAX_ERRORS) errors.push(`${at || 'payload'}: ${message}`);
  return FAIL;
}

/** Control characters other than tab and newline (and those too in single-line text). */
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B-\u001F\u007F\u2028\u2029]/;
const CONTROL_LINE = /[\u0000-\u001F\u007F\u2028\u2029]/;

export function str(max: number, o: { pattern?: RegExp; multiline?: boolean; min?: number } = {}): Checker<string> {
  return (v, at, errors) => {
    if (typeof v !== 'string') return fail(errors, at, 'must be a string');
    if (v.length > max * 4) return fail(errors, at, `is longer than ${max} characters`);
    const s = v.normalize('NFC');
    if (s.length > max) return fail(errors, at, `is longer than ${max} characters`);
    if (s.length < (o.min ?? 1)) return fail(errors, at, 'must not be empty');
    if ((o.multiline ? CONTROL_MULTILINE : CONTROL_LINE).test(s)) return fail(errors, at, 'contains control characters');
    if (o.pattern && !o.pattern.test(s)) return fail(errors, at, `must match ${o.pattern.source}`);
    return s;
  };
}

export function num(min: number, max: number, integer = false): Checker<number> {
  return (v, at, errors) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return fail(errors, at, 'must be a finite number');
    if (integer && !Number.isInteger(v)) return fail(errors, at, 'must be an integer');
    if (v < min || v > max) return fail(errors, at, `must be between ${min} and ${max}`);
    return v;
  };
}

export function oneOf<T extends string>(values: readonly T[]): Checker<T> {
  return (v, at, errors) =>
    typeof v === 'string' && (values as readonly string[]).includes(v)
      ? (v as T)
      : fail(errors, at, `must be one of ${values.join(', ')}`);
}

export function nullable<T>(c: Checker<T>): Checker<T | null> {
  return (v, at, errors) => (v === null ? null : c(v, at, errors));
}

export function arr<T>(item: Checker<T>, max: number, min = 0): Checker<T[]> {
  return (v, at, errors) => {
    if (!Array.isArray(v)) return fail(errors, at, 'must be an array');
    if (v.length > max) return fail(errors, at, `has more than ${max} items`);
    if (v.length < min) return fail(errors, at, `needs at least ${min} item(s)`);
    const out: T[] = [];
    let bad = false;
    for (let i = 0; i < v.length; i++) {
      const r = item(v[i], `${at}[${i}]`, errors);
      if (r === FAIL) {
        bad = true;
        if (errors.length >= MAX_ERRORS) break;
      } else out.push(r);
    }
    return bad ? FAIL : out;
  };
}

export function opt<T>(c: Checker<T>): Optional<T> {
  return { optional: c };
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** `v[key]` only where `v` has it as its own property: never an inherited member (`constructor`, `toString`). */
function own(v: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(v, key) ? v[key] : undefined;
}

/**
 * An object with exactly these properties (unknown ones are errors; optional ones may be absent or
 * undefined). Known and present mean own properties only: a field named after a built-in member
 * (`constructor`, `toString`, `__proto__`) is unknown like any other, and an inherited member is absent.
 */
export function obj<T>(shape: Shape<T>): Checker<T> {
  const entries = Object.entries(shape) as [string, Checker<unknown> | Optional<unknown>][];
  const known = new Set(entries.map(([key]) => key));
  return (v, at, errors) => {
    if (!isPlainObject(v)) return fail(errors, at, 'must be an object');
    let bad = false;
    for (const key of Object.keys(v)) {
      if (known.has(key)) continue;
      fail(errors, at ? `${at}.${key.slice(0, 40)}` : key.slice(0, 40), 'is not a known field');
      bad = true;
    }
    // Only the shape's own keys are written here, never a key that came in.
    const out: Record<string, unknown> = {};
    for (const [key, c] of entries) {
      const path = at ? `${at}.${key}` : key;
      const value = own(v, key);
      if (typeof c !== 'function') {
        if (value === undefined) continue;
        const r = c.optional(value, path, errors);
        if (r === FAIL) bad = true;
        else out[key] = r;
      } else {
        if (value === undefined) {
          fail(errors, path, 'is required');
          bad = true;
          continue;
        }
        const r = c(value, path, errors);
        if (r === FAIL) bad = true;
        else out[key] = r;
      }
    }
    return bad ? FAIL : (out as T);
  };
}

/** Any JSON value within the value caps (depth, node count, string and key length). */
export const jsonValue: Checker<JsonValue> = (v, at, errors) => {
  let nodes = 0;
  const walk = (x: unknown, depth: number): JsonValue | typeof FAIL => {
    if (++nodes > LIMITS.valueNodes) return fail(errors, at, `has more than ${LIMITS.valueNodes} nodes`);
    if (x === null || typeof x === 'boolean') return x;
    if (typeof x === 'number') return Number.isFinite(x) ? x : fail(errors, at, 'contains a non-finite number');
    if (typeof x === 'string') {
      return x.length <= LIMITS.valueString ? x : fail(errors, at, `contains a string over ${LIMITS.valueString} characters`);
    }
    // `depth` containers enclose this one, so it is nested `depth + 1` levels; docs/protocol.md: nesting < valueDepth.
    if (depth + 1 >= LIMITS.valueDepth) return fail(errors, at, `is nested deeper than ${LIMITS.valueDepth - 1} levels (nesting < ${LIMITS.valueDepth})`);
    if (Array.isArray(x)) {
      const out: JsonValue[] = [];
      for (const item of x) {
        const r = walk(item, depth + 1);
        if (r === FAIL) return FAIL;
        out.push(r);
      }
      return out;
    }
    if (!isPlainObject(x)) return fail(errors, at, 'is not JSON data');
    const out: Record<string, JsonValue> = {};
    for (const [k, item] of Object.entries(x)) {
      // `__proto__` would change the copy's prototype instead of adding a key: refused (docs/protocol.md, Limits).
      if (k.length > LIMITS.valueString || k === '__proto__') return fail(errors, at, `has an unacceptable key ${JSON.stringify(k.slice(0, 40))}`);
      const r = walk(item, depth + 1);
      if (r === FAIL) return FAIL;
      out[k] = r;
    }
    return out;
  };
  return walk(v, 0);
};

/** Runs a checker at the top level. */
export function check<T>(c: Checker<T>, v: unknown): Checked<T> {
  const errors: string[] = [];
  const r = c(v, '', errors);
  return r === FAIL ? { ok: false, errors: errors.length ? errors : ['payload: is invalid'] } : { ok: true, value: r };
}
