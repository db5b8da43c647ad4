/**
 * Safe XML for CAP messages and their feeds: a small element tree built by saxes (namespace-aware,
 * never expands a DTD). Anything that could declare an entity is refused before the parser sees a
 * byte: a DOCTYPE, an ENTITY, any `<!` that is not a comment or CDATA. Without a DTD the only
 * entities are XML's five and character references; any other `&name;` is an error. The tree is
 * capped (elements, depth, text) so a hostile document costs little.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';

export interface XmlElement {
  /** Namespace URI ('' when none). */
  uri: string;
  local: string;
  attributes: Record<string, string>;
  /** The element's own text (CDATA included), not its children's. */
  text: string;
  children: XmlElement[];
  line: number;
  column: number;
}

export class XmlRefused extends Error {
  public constructor(
    /** `doctype` (any DTD or entity declaration) or `malformed` (not well-formed, or over a cap). */
    public readonly kind: 'doctype' | 'malformed',
    message: string,
  ) {
    super(message);
  }
}

export const XML_CAPS = { elements: 20_000, depth: 24, textChars: 1_000_000 } as const;

/** Where a declaration other than a comment or CDATA starts (`<!DOCTYPE`, `<!ENTITY`, `<!ELEMENT`…). */
function declarationAt(xml: string): number {
  const re = /<!/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    const rest = xml.slice(m.index + 2, m.index + 9);
    if (rest.startsWith('--') || rest.startsWith('[CDATA[')) continue;
    return m.index;
  }
  return -1;
}

function lineCol(text: string, index: number): string {
  const before = text.slice(0, index).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

/** Parses `xml` into a tree; throws XmlRefused naming line:column. */
export function parseXml(xml: string): XmlElement {
  const at = declarationAt(xml);
  if (at >= 0) {
    throw new XmlRefused('doctype', `${lineCol(xml, at)}: a DOCTYPE or entity declaration is refused (no DTDs, no entities)`);
  }
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let elements = 0;
  let textChars = 0;
  const where = (): string => `${parser.line}:${parser.column + 1}`;
  const addText = (t: string): void => {
    textChars += t.length;
    if (textChars > XML_CAPS.textChars) throw new XmlRefused('malformed', `${where()}: more than ${XML_CAPS.textChars} characters of text`);
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  };
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (++elements > XML_CAPS.elements) throw new XmlRefused('malformed', `${where()}: more than ${XML_CAPS.elements} elements`);
    if (stack.length >= XML_CAPS.depth) throw new XmlRefused('malformed', `${where()}: nested deeper than ${XML_CAPS.depth}`);
    const attributes: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) {
      if (a.uri === 'http://www.w3.org/2000/xmlns/' || a.prefix === 'xmlns' || a.name === 'xmlns') continue;
      attributes[a.local] = a.value;
    }
    const el: XmlElement = { uri: tag.uri, local: tag.local, attributes, text: '', children: [], line: parser.line, column: parser.column + 1 };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('doctype', () => {
    throw new XmlRefused('doctype', `${where()}: a DOCTYPE is refused`);
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    if (e instanceof XmlRefused) throw e;
    // saxes's message starts with its own `line:column: `.
    throw new XmlRefused('malformed', `not well-formed XML: ${(e as Error).message.slice(0, 300)}`);
  }
  if (!root) throw new XmlRefused('malformed', 'no root element');
  return root;
}

/** The children of `el` named `local` in namespace `uri`. */
export const childrenNamed = (el: XmlElement, uri: string, local: string): XmlElement[] =>
  el.children.filter((c) => c.uri === uri && c.local === local);
