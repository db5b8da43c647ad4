/**
 * The caps of a topic value (docs/protocol.md "Limits"), checked after its message's schema:
 * nesting < LIMITS.valueDepth, at most LIMITS.valueNodes nodes, strings and keys of at most
 * LIMITS.valueString characters, no `__proto__` key, and plain JSON data only (no Date, Map, typed
 * array or object with a prototype of its own: what JSON.parse cannot make, an in-process caller can).
 *
 * A walk rather than schema: JSON Schema cannot count nodes, and nesting spelled as schema
 * (value0 … value7) would report one error per level deep inside the value instead of one naming it.
 */
import { LIMITS } from './limits.js';
import { fail, MAX_ERRORS } from './schema-check.js';

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Whether `v` is JSON data within the value caps; if not, one error naming `at` goes to `errors`. */
export function checkJsonValue(v: unknown, at: string, errors: string[]): boolean {
  let nodes = 0;
  const walk = (x: unknown, depth: number): boolean => {
    if (++nodes > LIMITS.valueNodes) return fail(errors, at, `has more than ${LIMITS.valueNodes} nodes`);
    if (x === null || typeof x === 'boolean') return true;
    if (typeof x === 'number') return Number.isFinite(x) || fail(errors, at, 'contains a non-finite number');
    if (typeof x === 'string') return x.length <= LIMITS.valueString || fail(errors, at, `contains a string over ${LIMITS.valueString} characters`);
    if (typeof x !== 'object') return fail(errors, at, 'is not JSON data');
    // `depth` containers enclose this one, so it is nested `depth + 1` levels; docs/protocol.md: nesting < valueDepth.
    if (depth + 1 >= LIMITS.valueDepth) return fail(errors, at, `is nested deeper than ${LIMITS.valueDepth - 1} levels (nesting < ${LIMITS.valueDepth})`);
    if (Array.isArray(x)) return x.every((item) => walk(item, depth + 1));
    if (!isPlainObject(x)) return fail(errors, at, 'is not JSON data');
    for (const [k, item] of Object.entries(x)) {
      // `__proto__` would change a copy's prototype instead of adding a key: refused (docs/protocol.md, Limits).
      if (k.length > LIMITS.valueString || k === '__proto__') return fail(errors, at, `has an unacceptable key ${JSON.stringify(k.slice(0, 40))}`);
      if (!walk(item, depth + 1)) return false;
    }
    return true;
  };
  return walk(v, 0);
}

/** Checks the `value` of each update of a list (`updates[3].value`). */
export function checkUpdateValues(updates: readonly { value: unknown }[], at: string, errors: string[]): void {
  for (const [i, u] of updates.entries()) {
    if (!checkJsonValue(u.value, `${at}[${i}].value`, errors) && errors.length >= MAX_ERRORS) return;
  }
}
