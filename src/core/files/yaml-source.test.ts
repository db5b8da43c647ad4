import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostics.js';
import { decodeUtf8 } from './utf8.js';
import { MAX_FILE_BYTES, parseYamlSource, positionOf } from './yaml-source.js';

const enc = new TextEncoder();

function bytes(...parts: (string | number[])[]): Uint8Array {
  const chunks = parts.map((p) => (typeof p === 'string' ? enc.encode(p) : Uint8Array.from(p)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function messages(...parts: (string | number[])[]): string[] {
  return parseYamlSource({ path: 'f.yaml', bytes: bytes(...parts) }).diagnostics.map(formatDiagnostic);
}

function parse(text: string) {
  const result = parseYamlSource({ path: 'f.yaml', bytes: enc.encode(text) });
  if (!result.parsed) throw new Error(result.diagnostics.map(formatDiagnostic).join('\n'));
  return result.parsed;
}

/** The classic billion laughs: 9 levels of 9 aliases each, 9^9 strings if expanded. */
function billionLaughs(): string {
  const lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(97 + i - 1);
    const name = String.fromCharCode(97 + i);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}

describe('parseYamlSource', () => {
  it('parses a mapping, with positions and plain data', () => {
    const yaml = parse('# comment\nid: wall\nsize: { width: 3 }\n');
    expect(yaml.data).toEqual({ id: 'wall', size: { width: 3 } });
    expect(positionOf(yaml.doc, yaml.lineCounter, ['size', 'width'])).toEqual({ line: 3, column: 16 });
  });

  it('tolerates a UTF-8 byte order mark without shifting columns', () => {
    const result = parseYamlSource({ path: 'f.yaml', bytes: bytes([0xef, 0xbb, 0xbf], 'id: wall\n') });
    expect(result.diagnostics).toEqual([]);
    expect(result.parsed?.data).toEqual({ id: 'wall' });
    expect(messages([0xef, 0xbb, 0xbf], '- a\n')).toEqual([
      'f.yaml:1:1: error: the top level must be a mapping of fields (key: value), not a list',
    ]);
  });

  it('reports the first byte that is not UTF-8, at its line and column', () => {
    expect(messages('id: ok\ntitle: caf', [0xe9], '\n')).toEqual([
      'f.yaml:2:11: error: file is not valid UTF-8 (byte 0xe9); save it as UTF-8',
    ]);
    // Columns count characters, not bytes: "tên: " is 5 characters.
    expect(messages('tên: ', [0xff], '\n')).toEqual([
      'f.yaml:1:6: error: file is not valid UTF-8 (byte 0xff); save it as UTF-8',
    ]);
    expect(messages([0xff, 0xfe], 'i\0d\0')).toEqual(['f.yaml:1:1: error: file is UTF-16, not UTF-8; save it as UTF-8']);
  });

  it('reports an empty file and a file of comments only', () => {
    expect(messages('')).toEqual(['f.yaml:0:0: error: file is empty (or holds only comments)']);
    expect(messages('# yaml-language-server: $schema=x\n\n# nothing\n')).toEqual([
      'f.yaml:0:0: error: file is empty (or holds only comments)',
    ]);
  });

  it('refuses a file over the size cap before decoding it', () => {
    const big = new Uint8Array(MAX_FILE_BYTES + 1).fill(0x20);
    const result = parseYamlSource({ path: 'f.yaml', bytes: big });
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      `f.yaml:0:0: error: file is too large (${MAX_FILE_BYTES + 1} bytes; at most ${MAX_FILE_BYTES})`,
    ]);
  });

  it('reports YAML syntax errors with their position', () => {
    expect(messages('id: x\ntitle: "open\nrows: 2\n')).toEqual([
      'f.yaml:2:8: error: YAML syntax: this quote is never closed (missing closing ")',
    ]);
    expect(messages('a: [1, 2\nb: 3\n')).toEqual([
      'f.yaml:2:1: error: YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
    expect(messages('a:\n\tb: 1\n')).toEqual([
      'f.yaml:2:1: error: tabs are not allowed for indentation in YAML; indent with spaces',
    ]);
    expect(messages('a: 1\n---\nb: 2\n')).toEqual([
      'f.yaml:2:1: error: the file holds several YAML documents (a second "---"); keep one per file',
    ]);
  });

  it('reports every duplicate key, with the first occurrence, and keeps the data usable', () => {
    const result = parseYamlSource({ path: 'f.yaml', bytes: enc.encode('id: a\ngrid:\n  rows: 1\n  rows: 2\nid: b\n') });
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'f.yaml:4:3: error: grid.rows: duplicate key "rows" (first at line 3, column 3)',
      'f.yaml:5:1: error: id: duplicate key "id" (first at line 1, column 1)',
    ]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['yaml-duplicate-key', 'yaml-duplicate-key']);
    expect(result.parsed?.data).toEqual({ id: 'b', grid: { rows: 2 } });
  });

  it('stops a billion-laughs document at the first alias, fast and without expanding it', () => {
    const started = performance.now();
    const result = parseYamlSource({ path: 'f.yaml', bytes: enc.encode(billionLaughs()) });
    const elapsed = performance.now() - started;
    expect(result.parsed).toBeUndefined();
    expect(result.diagnostics.map(formatDiagnostic)).toEqual([
      'f.yaml:2:8: error: b[0]: aliases expand too much (more than 100 alias references; a "billion laughs" document?)',
    ]);
    expect(result.diagnostics[0]?.code).toBe('yaml-alias-limit');
    expect(elapsed).toBeLessThan(1000);
  });

  it('allows a few aliases, and reports an alias to no anchor', () => {
    expect(parse('a: &p { x: 1 }\nb: *p\n').data).toEqual({ a: { x: 1 }, b: { x: 1 } });
    expect(messages('a: 1\nb: *nope\n')).toEqual(['f.yaml:2:4: error: b: alias *nope names no anchor defined before it']);
  });

  it('requires a mapping at the top level', () => {
    expect(messages('- a\n- b\n')).toEqual([
      'f.yaml:1:1: error: the top level must be a mapping of fields (key: value), not a list',
    ]);
    expect(messages('\n\nhello\n')).toEqual([
      'f.yaml:3:1: error: the top level must be a mapping of fields (key: value), not a single value',
    ]);
  });

  it('passes yaml warnings on as warnings', () => {
    const result = parseYamlSource({ path: 'f.yaml', bytes: enc.encode('a: !foo x\n') });
    expect(result.parsed?.data).toEqual({ a: 'x' });
    expect(result.diagnostics.map(formatDiagnostic)).toEqual(['f.yaml:1:4: warning: Unresolved tag: !foo']);
  });
});

describe('positionOf', () => {
  const yaml = parse(
    [
      'id: x', //                                   1
      'cell:', //                                   2
      '  col: 1', //                                3
      'tiles:', //                                  4
      '  - id: a', //                               5
      '    props: { source: "u" }', //              6
      '  - { id: b, cell: }', //                    7
      'anchor: &t { deep: 1 }', //                  8
      'alias: *t', //                               9
    ].join('\n') + '\n',
  );
  const at = (path: (string | number)[], key = false) => positionOf(yaml.doc, yaml.lineCounter, path, { key });

  it('points at values, or at keys when asked', () => {
    expect(at(['cell', 'col'])).toEqual({ line: 3, column: 8 });
    expect(at(['cell', 'col'], true)).toEqual({ line: 3, column: 3 });
    expect(at(['tiles', 0, 'props', 'source'])).toEqual({ line: 6, column: 22 });
    expect(at(['tiles', 1])).toEqual({ line: 7, column: 5 });
  });

  it('points at the key of an empty value', () => {
    expect(at(['tiles', 1, 'cell'])).toEqual({ line: 7, column: 14 });
  });

  it('falls back to the nearest existing ancestor, at the key that introduces it', () => {
    expect(at(['tiles', 0, 'props', 'label'])).toEqual({ line: 6, column: 5 });
    expect(at(['tiles', 5, 'id'])).toEqual({ line: 4, column: 1 });
    expect(at(['missing'])).toEqual({ line: 1, column: 1 });
  });

  it('stops at an alias, where the user wrote it', () => {
    expect(at(['alias', 'deep'])).toEqual({ line: 9, column: 8 });
  });
});

describe('decodeUtf8', () => {
  it('decodes multi-byte characters and astral code points', () => {
    const result = decodeUtf8(enc.encode('Tường 😀 ok'));
    expect(result).toEqual({ ok: true, text: 'Tường 😀 ok', hadBom: false });
  });

  it('rejects overlong forms, surrogates and truncated sequences', () => {
    expect(decodeUtf8(Uint8Array.from([0x61, 0xc0, 0xaf]))).toMatchObject({ ok: false, offset: 1 });
    expect(decodeUtf8(Uint8Array.from([0xe0, 0x80, 0xaf]))).toMatchObject({ ok: false, offset: 0 });
    expect(decodeUtf8(Uint8Array.from([0xed, 0xa0, 0x80]))).toMatchObject({ ok: false, offset: 0 });
    expect(decodeUtf8(Uint8Array.from([0xf4, 0x90, 0x80, 0x80]))).toMatchObject({ ok: false, offset: 0 });
    expect(decodeUtf8(Uint8Array.from([0x61, 0x0a, 0xe1, 0xba]))).toMatchObject({ ok: false, offset: 2, line: 2, column: 1 });
    expect(decodeUtf8(Uint8Array.from([0xe1, 0x41, 0x41]))).toMatchObject({ ok: false, offset: 0, byte: 0xe1 });
  });
});
