/**
 * Fuzzing every `/wall` payload and REST body validator (src/core/protocol/protocol-validate.ts,
 * rest-validate.ts, over the validators generated from schemas/): valid-ish payloads from each
 * message's schema, the same with mutations, and arbitrary JSON. No validator throws or hangs;
 * a rejection names its field (`field: message`); an accepted payload survives the wire (JSON
 * round trip) and is accepted again, unchanged.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as wallChecks from '../../src/core/protocol/protocol-validate.js';
import * as restChecks from '../../src/core/protocol/rest-validate.js';
import { PROTOCOL_SCHEMAS, type ProtocolMessage } from '../../src/core/protocol/schemas/index.js';
import type { Checked } from '../../src/core/protocol/schema-check.js';
import { expectClearValidatorErrors } from './support/clear-errors.js';
import { mutated, oddValue, POLLUTING_KEYS } from './support/mutate.js';
import { schemaArbitrary } from './support/schema-arbitrary.js';
import { fuzz, fuzzTimeout } from './support/settings.js';

type BodyCheck = (v: unknown) => Checked<unknown>;
type QueryCheck = (params: Iterable<[string, string]>) => Checked<unknown>;

const exported = { ...wallChecks, ...restChecks } as unknown as Record<string, BodyCheck | QueryCheck | undefined>;
const names = Object.keys(PROTOCOL_SCHEMAS) as ProtocolMessage[];
const isQuery = (name: string) => name.endsWith('Query');
/** The check the hub or the wall runs for `name` (its `after` checks included), else the bare generated one. */
function checkOf(name: ProtocolMessage): BodyCheck {
  const own = exported[`check${name[0]!.toUpperCase()}${name.slice(1)}`];
  return (own as BodyCheck | undefined) ?? wallChecks.checker(name);
}

function payloads(name: ProtocolMessage): fc.Arbitrary<unknown> {
  const good = schemaArbitrary(PROTOCOL_SCHEMAS[name] as Record<string, unknown>);
  return fc.oneof(
    { weight: 3, arbitrary: good },
    { weight: 5, arbitrary: mutated(good) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
    { weight: 1, arbitrary: oddValue },
  );
}

function expectWellBehaved(check: BodyCheck, input: unknown): void {
  const result = check(input);
  if (!result.ok) return expectClearValidatorErrors(result.errors);
  const wire = JSON.stringify(result.value);
  const again = check(JSON.parse(wire));
  expect(again.ok, again.ok ? '' : again.errors.join('\n')).toBe(true);
  if (again.ok) expect(JSON.stringify(again.value)).toBe(wire);
}

describe('fuzz: protocol validators', () => {
  // One target per message: a failure names the message, and its seed replays it alone.
  for (const name of names.filter((n) => !isQuery(n))) {
    it(`${name}: no crash, clear rejections, accepted payloads round-trip`, () => {
      fuzz(`validator ${name}`, payloads(name), (input) => expectWellBehaved(checkOf(name), input));
    }, fuzzTimeout(0.05));
  }

  for (const name of names.filter(isQuery)) {
    const check = exported[`check${name[0]!.toUpperCase()}${name.slice(1)}`] as QueryCheck;
    const known = Object.keys((PROTOCOL_SCHEMAS[name] as { properties?: object }).properties ?? {});
    const key = fc.oneof(fc.constantFrom(...known, ...POLLUTING_KEYS), fc.string({ maxLength: 10 }));
    const value = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 }), fc.stringMatching(/^[0-9,a-z:-]{0,30}$/), fc.nat(5000).map(String));
    it(`${name}: no crash, clear rejections, accepted queries round-trip`, () => {
      fuzz(`query ${name}`, fc.array(fc.tuple(key, value), { maxLength: 6 }), (params) => {
        const result = check(params);
        if (!result.ok) return expectClearValidatorErrors(result.errors);
        // What it accepted, as a query again, is accepted again.
        const back = Object.entries(result.value as Record<string, string | string[]>).flatMap(([k, v]) => [v].flat().map((x) => [k, x] as [string, string]));
        const again = check(back);
        expect(again.ok).toBe(true);
        if (again.ok) expect(again.value).toEqual(result.value);
      });
    }, fuzzTimeout(0.05));
  }
});
