/**
 * From field paths to places in the YAML text and back, so every diagnostic can say
 * `file:line:column` and `tiles[3].cell.colSpan`.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter } from 'yaml';
import type { Diagnostic, DiagnosticSeverity } from './diagnostics.js';
import { fieldPath } from './diagnostics.js';

export type FieldPath = readonly (string | number)[];

export interface Position {
  line: number;
  column: number;
}

/** A parsed file: enough to place a diagnostic anywhere in it. */
export interface YamlFile {
  file: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

interface Ranged {
  range?: readonly [number, number, number] | null;
}

function keyText(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  // yaml marks a `<<` merge key with a symbol.
  return typeof key.value === 'symbol' ? key.value.description : String(key.value);
}

function startOf(node: unknown): number | undefined {
  const range = (node as Ranged | null | undefined)?.range;
  return range ? range[0] : undefined;
}

/** An empty value (`cell:` with nothing after it) has no text of its own: point at its key instead. */
function isEmptyScalar(node: unknown): boolean {
  return isScalar(node) && node.value === null && !node.source;
}

/** The last pair with this key, as `toJS` lets the last of duplicate keys win. */
function findPair(map: { items: { key: unknown; value: unknown }[] }, key: string) {
  for (let i = map.items.length - 1; i >= 0; i--) {
    const pair = map.items[i];
    if (pair && keyText(pair.key) === key) return pair;
  }
  return undefined;
}

/**
 * Where a field is: its value node, or its key node with `{ key: true }` (for unknown fields). When
 * the path does not exist (a missing required field), the nearest existing ancestor: the key that
 * introduces it when there is one. A path through an alias stops at the alias, where the user wrote it.
 */
export function positionOf(
  doc: Document,
  lineCounter: LineCounter,
  path: FieldPath,
  options: { key?: boolean } = {},
): Position {
  let node: unknown = doc.contents;
  let keyNode: unknown = undefined;
  let resolved = 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = findPair(node, String(segment));
      if (!pair) {
        // A field that came in through a `<<: *anchor` merge: point at the merge.
        const merge = findPair(node, '<<');
        if (merge && isAlias(merge.value)) node = merge.value;
        break;
      }
      keyNode = pair.key;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) break;
      keyNode = undefined;
      node = item;
    } else {
      break;
    }
    resolved++;
  }
  const complete = resolved === path.length;
  let offset: number | undefined;
  if (!complete && isAlias(node)) offset = startOf(node);
  else if (complete && options.key && keyNode !== undefined) offset = startOf(keyNode);
  else if (complete && !isEmptyScalar(node)) offset = startOf(node) ?? startOf(keyNode);
  else offset = startOf(keyNode) ?? startOf(node);
  if (offset === undefined) return { line: 1, column: 1 };
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

/**
 * The field path of the innermost node at `offset` (to name the field of a YAML error), and the
 * mapping or list that holds it.
 */
export function locateOffset(doc: Document, offset: number): { path: (string | number)[]; container: unknown } {
  const path: (string | number)[] = [];
  let node: unknown = doc.contents;
  let container: unknown = undefined;
  const within = (n: unknown) => {
    const r = (n as Ranged | null | undefined)?.range;
    return !!r && offset >= r[0] && offset < Math.max(r[2], r[0] + 1);
  };
  for (let depth = 0; depth < 1000; depth++) {
    if (isMap(node)) {
      const pair = node.items.find((p) => within(p.key) || within(p.value));
      const key = pair ? keyText(pair.key) : undefined;
      if (!pair || key === undefined) break;
      container = node;
      path.push(key);
      if (within(pair.key)) break;
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => within(item));
      if (index < 0) break;
      container = node;
      path.push(index);
      node = node.items[index];
    } else {
      break;
    }
  }
  return { path, container };
}

/** A diagnostic placed at a field of a parsed file. */
export function diagnosticAt(
  yaml: YamlFile,
  path: FieldPath,
  code: string,
  message: string,
  options: { key?: boolean; severity?: DiagnosticSeverity } = {},
): Diagnostic {
  const pos = positionOf(yaml.doc, yaml.lineCounter, path, options);
  return {
    severity: options.severity ?? 'error',
    file: yaml.file,
    line: pos.line,
    column: pos.column,
    field: fieldPath(path),
    code,
    message,
  };
}
