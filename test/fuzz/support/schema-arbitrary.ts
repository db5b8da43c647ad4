/**
 * Valid-ish values from a JSON Schema (the subset the protocol's schemas use: type, enum, const,
 * string lengths and patterns, number ranges, arrays, objects with required and optional fields,
 * anyOf, if/then/else). Most come out valid; the rest (a pattern's string cut to its maxLength, an `if` ignored)
 * are near misses, which is what a fuzzer wants too.
 */
import fc from 'fast-check';

type Schema = Record<string, unknown>;

const ANY_JSON: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 3 });

function stringOf(s: Schema): fc.Arbitrary<string> {
  const min = typeof s.minLength === 'number' ? s.minLength : 0;
  const max = typeof s.maxLength === 'number' ? s.maxLength : 200;
  if (typeof s.pattern === 'string') {
    return fc.stringMatching(new RegExp(s.pattern, 'u')).map((v) => (v.length > max ? v.slice(0, max) : v));
  }
  return fc.string({ unit: 'grapheme', minLength: min, maxLength: Math.min(max, 200) });
}

function numberOf(s: Schema, integer: boolean): fc.Arbitrary<number> {
  const min = typeof s.minimum === 'number' ? s.minimum : -1e9;
  const max = typeof s.maximum === 'number' ? s.maximum : 1e9;
  if (integer) return fc.integer({ min: Math.max(min, Number.MIN_SAFE_INTEGER), max: Math.min(max, Number.MAX_SAFE_INTEGER) });
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

function objectOf(s: Schema): fc.Arbitrary<Record<string, unknown>> {
  const properties = (s.properties ?? {}) as Record<string, Schema>;
  const required = new Set((s.required ?? []) as string[]);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, sub] of Object.entries(properties)) model[key] = schemaArbitrary(sub);
  return fc.record(model, { requiredKeys: Object.keys(properties).filter((k) => required.has(k)) }) as fc.Arbitrary<Record<string, unknown>>;
}

function ofType(type: string, s: Schema): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return stringOf(s);
    case 'number':
      return numberOf(s, false);
    case 'integer':
      return numberOf(s, true);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = s.items ? schemaArbitrary(s.items as Schema) : ANY_JSON;
      const min = typeof s.minItems === 'number' ? s.minItems : 0;
      const max = Math.min(typeof s.maxItems === 'number' ? s.maxItems : 8, min + 4);
      return fc.array(items, { minLength: min, maxLength: max });
    }
    case 'object':
      return objectOf(s);
    default:
      return ANY_JSON;
  }
}

export function schemaArbitrary(s: Schema): fc.Arbitrary<unknown> {
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  // if/then/else as the two shapes it allows (the protocol's `if` only tells them apart).
  if (s.then && s.else) return fc.oneof(schemaArbitrary(s.then as Schema), schemaArbitrary(s.else as Schema));
  if (Array.isArray(s.anyOf)) return fc.oneof(...(s.anyOf as Schema[]).map(schemaArbitrary));
  if (Array.isArray(s.type)) return fc.oneof(...(s.type as string[]).map((t) => ofType(t, s)));
  if (typeof s.type === 'string') return ofType(s.type, s);
  return ANY_JSON;
}
