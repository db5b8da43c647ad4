/**
 * Mutations of a good value, the way bad input arrives: a field of the wrong type, a field missing,
 * a huge string, deep nesting, odd unicode, NaN and Infinity, keys that pollute prototypes
 * (`__proto__`, `constructor`), a duplicated list item. Applied at a place picked in the value.
 */
import fc from 'fast-check';
import { HUGE } from './settings.js';

type Path = (string | number)[];

/** `depth` arrays, one in the other (deep nesting), built without recursion. */
export function nested(depth: number, leaf: unknown = 0): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** Keys that reach Object.prototype or shadow its methods when code merges objects carelessly. */
export const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

/** Values of every odd kind. */
export const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, NaN, Infinity, -Infinity, '', ' ', '\u0000', '\u202e\u200b', '\ud800', 'e\u0301', '\u2028', [], {}, [null], { __proto__: null }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.double(),
  fc.integer(),
  fc.nat(HUGE.string).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 1, max: HUGE.nesting }).map((d) => nested(d)),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Every place in a value (the root is []). */
function places(v: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (out.length > 500) return out;
  if (Array.isArray(v)) v.forEach((x, i) => places(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) places(x, [...at, k], out);
  return out;
}

function clone(v: unknown): unknown {
  return v === undefined ? undefined : structuredClone(v);
}

function parentOf(root: unknown, path: Path): Record<string | number, unknown> | undefined {
  let v = root as Record<string | number, unknown>;
  for (const p of path.slice(0, -1)) v = v[p] as Record<string | number, unknown>;
  return v && typeof v === 'object' ? v : undefined;
}

/** One mutation: kind, the place (an index into places()), a value and a key to use. */
export interface Mutation {
  kind: 'replace' | 'delete' | 'add-key' | 'duplicate' | 'nudge-number';
  place: number;
  value: unknown;
  key: string;
}

export const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom<Mutation['kind']>('replace', 'replace', 'delete', 'add-key', 'duplicate', 'nudge-number'),
  place: fc.nat(),
  value: oddValue,
  key: fc.oneof(fc.constantFrom(...POLLUTING_KEYS), fc.string({ maxLength: 12 })),
});

/** Own-key assignment: `__proto__` too becomes a plain own key (as JSON.parse makes it), not a prototype. */
function setOwn(o: Record<string | number, unknown>, key: string | number, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `good` with `m` applied (a copy; `good` is left as it was). */
export function applyMutation(good: unknown, m: Mutation): unknown {
  const root = clone(good);
  const all = places(root);
  const path = all[m.place % all.length]!;
  const target = path.length ? parentOf(root, path)?.[path.at(-1)!] : root;
  const parent = path.length ? parentOf(root, path) : undefined;
  const last = path.at(-1);
  switch (m.kind) {
    case 'replace':
      if (!parent || last === undefined) return m.value;
      setOwn(parent, last, m.value);
      return root;
    case 'delete':
      if (!parent || last === undefined) return undefined;
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
      return root;
    case 'add-key':
      if (target && typeof target === 'object' && !Array.isArray(target)) setOwn(target as Record<string, unknown>, m.key, m.value);
      else if (Array.isArray(target)) target.push(m.value);
      return root;
    case 'duplicate':
      if (Array.isArray(target) && target.length) target.push(clone(target[0]));
      return root;
    case 'nudge-number':
      if (parent && last !== undefined && typeof target === 'number') {
        const nudges = [target + 1, -target, target * 1e6, target + 0.5, target - 1];
        setOwn(parent, last, nudges[m.place % nudges.length]);
      }
      return root;
  }
}

/** A good value with one to three mutations. */
export function mutated(good: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(good, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([g, ms]) => ms.reduce((v, m) => applyMutation(v, m), g));
}
