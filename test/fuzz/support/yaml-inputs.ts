/**
 * Inputs for the YAML loaders: structured (a good document, parsed, mutated with mutate.ts, written
 * back as YAML), textual (a good document's text with characters cut, inserted, lines repeated),
 * adversarial snippets (deep nesting, alias bombs, tags, BOM, CRLF, duplicate keys, huge lines) and
 * raw (any string, any bytes).
 */
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { mutated } from './mutate.js';
import { HUGE } from './settings.js';

const enc = new TextEncoder();

/** Text a YAML parser finds hard. */
const adversarial: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 1, max: HUGE.depth }).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.integer({ min: 1, max: HUGE.depth }).map((n) => '['.repeat(n)),
  fc.integer({ min: 1, max: HUGE.depth / 4 }).map((n) => '{a: '.repeat(n) + '1' + '}'.repeat(n)),
  fc.integer({ min: 1, max: HUGE.depth / 8 }).map((n) => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}- `).join('\n') + 'x'),
  fc.integer({ min: 2, max: 12 }).map((n) => ['a0: &a0 [x, x, x, x, x, x, x, x, x]', ...Array.from({ length: n }, (_, i) => `a${i + 1}: &a${i + 1} [*a${i}, *a${i}, *a${i}, *a${i}, *a${i}, *a${i}, *a${i}, *a${i}, *a${i}]`)].join('\n')),
  fc.constantFrom(
    'a: &a [*a]',
    '&a a: *a',
    '<<: *nowhere',
    '<<: [1, 2]',
    'x: !!js/function "function () { return 1 }"',
    'x: !!binary AAAA',
    'x: !custom 1',
    '%YAML 1.1\n---\nx: 1',
    '--- a\n--- b',
    '\ufeffid: x',
    'id: x\r\ntitle: y\r\n',
    'id: a\nid: b',
    '? [a, b]\n: c',
    '? {a: 1}\n: 2',
    '"\\ud800": 1',
    'id: "\\u0000"',
    '__proto__: { polluted: true }',
    'constructor: { prototype: { polluted: true } }',
    'tiles: [{ <<: { __proto__: { polluted: true } } }]',
    '.nan', '.inf', '-.inf', '0x1F', '1e400', '~', '', '\n', '#', '- - - -',
  ),
  fc.nat(HUGE.text).map((n) => `id: ${'x'.repeat(n)}`),
  // Just over the loaders' 1 MiB cap: refused before parsing.
  fc.constant(`id: ${'x'.repeat(1024 * 1024)}`),
);

/** A few character-level edits of `text` (delete a span, insert noise, repeat a line). */
function edits(text: string): fc.Arbitrary<string> {
  const noise = fc.oneof(fc.constantFrom(' ', '\n', ':', '- ', '{', '}', '[', ']', '"', "'", '&a ', '*a', '<<: ', '#', '\t', '|', '>', '!!str ', '? ', '\u00e9', '\u0000', '\ud800'), fc.string({ maxLength: 4 }));
  const edit = fc.tuple(fc.nat(), fc.nat(8), fc.constantFrom('cut', 'insert', 'repeat-line'), noise);
  return fc.array(edit, { minLength: 1, maxLength: 4 }).map((list) =>
    list.reduce((out, [at, len, kind, n]) => {
      const i = at % (out.length + 1);
      if (kind === 'cut') return out.slice(0, i) + out.slice(i + len);
      if (kind === 'insert') return out.slice(0, i) + n + out.slice(i);
      const lines = out.split('\n');
      const l = at % lines.length;
      lines.splice(l, 0, lines[l]!);
      return lines.join('\n');
    }, text),
  );
}

/** YAML text of a JSON-ish value; `stringify` refuses some odd values, which become their JSON. */
function asYaml(value: unknown): string {
  try {
    return stringify(value, { aliasDuplicateObjects: false, lineWidth: 0 });
  } catch {
    return JSON.stringify(value) ?? '';
  }
}

/** The bytes of a loader's input, from good documents `seeds`. */
export function yamlInputs(seeds: readonly string[]): fc.Arbitrary<Uint8Array> {
  const seed = fc.constantFrom(...seeds);
  const parsedSeeds = seeds.map((s) => parse(s) as unknown);
  const text: fc.Arbitrary<string> = fc.oneof(
    { weight: 1, arbitrary: seed },
    { weight: 6, arbitrary: mutated(fc.constantFrom(...parsedSeeds)).map(asYaml) },
    { weight: 4, arbitrary: seed.chain(edits) },
    { weight: 2, arbitrary: adversarial },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...'ab:-[]{}&*!|>#?\'" \n\t'), maxLength: 200 }) },
  );
  return fc.oneof({ weight: 9, arbitrary: text.map((t) => enc.encode(t)) }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) });
}
