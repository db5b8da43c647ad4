/**
 * Bytes → a YAML document with source positions, or diagnostics saying exactly what is wrong with
 * the file as text: too large, not UTF-8, empty, YAML syntax, duplicate keys, alias bombs, a top
 * level that is not a mapping. Never throws.
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument, visit, type Document } from 'yaml';
import { fieldPath, type Diagnostic } from './diagnostics.js';
import type { SourceFile } from './load-result.js';
import { decodeUtf8 } from './utf8.js';
import { diagnosticAt, locateOffset, positionOf, type YamlFile } from './yaml-position.js';

export { positionOf, diagnosticAt, type YamlFile, type FieldPath, type Position } from './yaml-position.js';

/** Larger files are refused before decoding: a hand-written wall or layout is a few kilobytes. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** yaml's guard against "billion laughs": alias expansion beyond this count is refused. */
export const MAX_ALIAS_COUNT = 100;

/** A file that parsed: its document (for positions) and its plain data (for validation). */
export interface ParsedYaml extends YamlFile {
  data: Record<string, unknown>;
}

export interface ParseOutcome {
  /** Present when the data is usable for schema validation (there may still be duplicate-key errors). */
  parsed?: ParsedYaml;
  diagnostics: Diagnostic[];
}

function fileLevel(file: string, code: string, message: string, line = 0, column = 0): Diagnostic {
  return { severity: 'error', file, line, column, field: '', code, message };
}

const SYNTAX_HINTS: Record<string, string> = {
  MULTIPLE_DOCS: 'the file holds several YAML documents (a second "---"); keep one per file',
  TAB_AS_INDENT: 'tabs are not allowed for indentation in YAML; indent with spaces',
};

export function parseYamlSource(source: SourceFile): ParseOutcome {
  const file = source.path;
  if (source.bytes.length > MAX_FILE_BYTES) {
    const size = `${source.bytes.length} bytes`;
    return { diagnostics: [fileLevel(file, 'file-too-large', `file is too large (${size}; at most ${MAX_FILE_BYTES})`)] };
  }
  const decoded = decodeUtf8(source.bytes);
  if (!decoded.ok) {
    const hex = `0x${decoded.byte.toString(16).padStart(2, '0')}`;
    const utf16 = decoded.offset === 0 && (decoded.byte === 0xff || decoded.byte === 0xfe);
    const message = utf16
      ? 'file is UTF-16, not UTF-8; save it as UTF-8'
      : `file is not valid UTF-8 (byte ${hex}); save it as UTF-8`;
    return { diagnostics: [fileLevel(file, 'not-utf8', message, decoded.line, decoded.column)] };
  }
  try {
    return parseText(file, decoded.text);
  } catch (error) {
    // yaml reports its own failures as errors; this is a last resort so that loading never throws.
    const message = `could not read the file: ${error instanceof Error ? error.message : String(error)}`;
    return { diagnostics: [fileLevel(file, 'internal-error', message)] };
  }
}

function parseText(file: string, text: string): ParseOutcome {
  const lineCounter = new LineCounter();
  // `merge`: `<<: *defaults` lets tiles share props; aliases stay bounded by MAX_ALIAS_COUNT.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true });
  const yaml: YamlFile = { file, doc, lineCounter };
  const diagnostics: Diagnostic[] = [];
  let fatal = false;
  for (const error of doc.errors) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    if (error.code === 'DUPLICATE_KEY') {
      diagnostics.push(duplicateKey(yaml, text, error.pos[0], error.pos[1]));
      continue;
    }
    fatal = true;
    const quote = error.code === 'MISSING_CHAR' ? unclosedQuote(doc, error.pos[0]) : undefined;
    if (quote) {
      const at = lineCounter.linePos(quote.offset);
      const message = `YAML syntax: this quote is never closed (missing closing ${quote.mark})`;
      diagnostics.push(fileLevel(file, 'yaml-syntax', message, at.line, at.col));
      continue;
    }
    const message = SYNTAX_HINTS[error.code] ?? `YAML syntax: ${error.message}`;
    diagnostics.push(fileLevel(file, 'yaml-syntax', message, line, col));
  }
  for (const warning of doc.warnings) {
    const { line, col } = lineCounter.linePos(warning.pos[0]);
    diagnostics.push({ ...fileLevel(file, 'yaml-warning', warning.message, line, col), severity: 'warning' });
  }
  if (fatal) return { diagnostics };
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null && !doc.contents.source)) {
    diagnostics.push(fileLevel(file, 'empty-file', 'file is empty (or holds only comments)'));
    return { diagnostics };
  }
  if (!isMap(doc.contents)) {
    const what = isSeq(doc.contents) ? 'a list' : 'a single value';
    const pos = positionOf(doc, lineCounter, []);
    const message = `the top level must be a mapping of fields (key: value), not ${what}`;
    diagnostics.push(fileLevel(file, 'not-a-mapping', message, pos.line, pos.column));
    return { diagnostics };
  }
  const data = toData(yaml, diagnostics);
  if (data === undefined) return { diagnostics };
  return { parsed: { ...yaml, data }, diagnostics };
}

/** `toJS` with yaml's alias limit; its ReferenceError becomes a diagnostic at the offending alias. */
function toData(yaml: YamlFile, diagnostics: Diagnostic[]): Record<string, unknown> | undefined {
  try {
    return yaml.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as Record<string, unknown>;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unresolved = /^Unresolved alias[^:]*: (.*)$/.exec(message);
    const alias = firstAlias(yaml.doc, unresolved?.[1]);
    const offset = alias?.range?.[0] ?? 0;
    const { line, col } = yaml.lineCounter.linePos(offset);
    const field = locateOffset(yaml.doc, offset).path;
    const d = unresolved
      ? diagnosticAt(yaml, field, 'yaml-unknown-alias', `alias *${unresolved[1]} names no anchor defined before it`)
      : diagnosticAt(
          yaml,
          field,
          'yaml-alias-limit',
          `aliases expand too much (more than ${MAX_ALIAS_COUNT} alias references; a "billion laughs" document?)`,
        );
    diagnostics.push({ ...d, line, column: col });
    return undefined;
  }
}

/** yaml reports an unclosed quote where the file ends; the user needs the opening quote. */
function unclosedQuote(doc: Document, end: number): { offset: number; mark: string } | undefined {
  let found: { offset: number; mark: string } | undefined;
  visit(doc, {
    Scalar(_key, node) {
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      if (!quoted || !node.range || node.range[1] !== end) return undefined;
      found = { offset: node.range[0], mark: node.type === 'QUOTE_DOUBLE' ? '"' : "'" };
      return visit.BREAK;
    },
  });
  return found;
}

function firstAlias(doc: Document, name?: string) {
  let found: { range?: readonly [number, number, number] | null } | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (name !== undefined && node.source !== name) return undefined;
      found = node;
      return visit.BREAK;
    },
  });
  return found;
}

/** `duplicate key "col" (first at line 4, column 7)`, at the second occurrence's key. */
function duplicateKey(yaml: YamlFile, text: string, start: number, end: number): Diagnostic {
  const { path, container } = locateOffset(yaml.doc, start);
  const last = path[path.length - 1];
  const key = typeof last === 'string' ? last : text.slice(start, end);
  const { line, col } = yaml.lineCounter.linePos(start);
  let message = `duplicate key "${key}"`;
  const first = isMap(container)
    ? container.items.find((p) => isScalar(p.key) && String(p.key.value) === key)
    : undefined;
  const firstStart = (first?.key as { range?: readonly number[] } | undefined)?.range?.[0];
  if (firstStart !== undefined && firstStart !== start) {
    const pos = yaml.lineCounter.linePos(firstStart);
    message += ` (first at line ${pos.line}, column ${pos.col})`;
  }
  return { severity: 'error', file: yaml.file, line, column: col, field: fieldPath(path), code: 'yaml-duplicate-key', message };
}
