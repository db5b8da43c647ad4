/**
 * Fuzzing the CAP 1.2 reader (src/hub/cap: parseXml, then readCapMessage, as POST /api/cap and the
 * feeds run them): a good alert with its text cut and salted, its fields' text replaced by odd
 * values, hostile XML (DTDs, entity bombs, deep nesting, many elements, huge text) and arbitrary
 * strings. Only XmlRefused (with line:column, or "no root element") or CapInvalid (each detail
 * `field: message`) may come out; an accepted alert written back as XML reads to the same message.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CapInvalid, readCapMessage, type CapMessage } from '../../src/hub/cap/cap-message.js';
import { parseXml, XmlRefused, type XmlElement } from '../../src/hub/cap/cap-xml.js';
import { expectClearValidatorErrors } from './support/clear-errors.js';
import { oddValue } from './support/mutate.js';
import { fuzz, fuzzTimeout, HUGE } from './support/settings.js';

const NS = 'urn:oasis:names:tc:emergency:cap:1.2';
const FIELDS = {
  identifier: 'ID-1', sender: 's@x.vn', sent: '2026-12-07T09:00:00+07:00', status: 'Actual', msgType: 'Update', scope: 'Public',
  references: 's@x.vn,ID-0,2026-12-07T08:00:00+07:00',
  language: 'vi-VN', category: 'Met', event: 'Bão', urgency: 'Immediate', severity: 'Extreme', certainty: 'Observed',
  headline: 'Bão số 9', description: 'Gió & mưa', expires: '2026-12-08T09:00:00+07:00', areaDesc: 'Khánh Hòa',
  polygon: '12,109 12,110 13,110 12,109', circle: '12.25,109.19 10',
};
type Field = keyof typeof FIELDS;

const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function alertXml(f: Record<Field, string>): string {
  const e = (k: Field) => `<${k}>${esc(f[k])}</${k}>`;
  return `<?xml version="1.0"?>
<alert xmlns="${NS}">${e('identifier')}${e('sender')}${e('sent')}${e('status')}${e('msgType')}${e('scope')}${e('references')}
<info>${e('language')}${e('category')}${e('event')}${e('urgency')}${e('severity')}${e('certainty')}${e('headline')}${e('description')}${e('expires')}
<area>${e('areaDesc')}${e('polygon')}${e('circle')}</area></info></alert>`;
}

/** A tree written back as XML: each element in its own namespace, its text (escaped) before its children. */
function writeXml(el: XmlElement): string {
  const attrs = Object.entries(el.attributes).map(([k, v]) => ` ${k}="${esc(v).replace(/"/g, '&quot;')}"`).join('');
  return `<${el.local} xmlns="${esc(el.uri)}"${attrs}>${esc(el.text)}${el.children.map(writeXml).join('')}</${el.local}>`;
}

const good = alertXml(FIELDS);
const fieldNames = Object.keys(FIELDS) as Field[];
const oddText = fc.oneof(oddValue.map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '')), fc.constantFrom('', ' ', '1e400', '-91,181 0,0', '2026-02-30T00:00:00Z', 'a,b', 'Cancel', 'Unknown'));
const structured = fc.dictionary(fc.constantFrom(...fieldNames), oddText, { maxKeys: 3 }).map((changes) => alertXml({ ...FIELDS, ...changes }));

const noise = fc.oneof(fc.constantFrom('<', '>', '&', '&amp;', '&#0;', '&#x110000;', '&xxe;', '<![CDATA[', ']]>', '<!--', '-->', '<?x?>', '</alert>', '<alert>', '"', "'", '=', 'xmlns:a="b"', '\u0000', '\ud800'), fc.string({ maxLength: 4 }));
const edited = fc.array(fc.tuple(fc.nat(), fc.nat(12), fc.boolean(), noise), { minLength: 1, maxLength: 4 }).map((edits) =>
  edits.reduce((out, [at, len, cut, n]) => {
    const i = at % (out.length + 1);
    return cut ? out.slice(0, i) + out.slice(i + len) : out.slice(0, i) + n + out.slice(i);
  }, good),
);

const hostile = fc.oneof(
  fc.constantFrom(
    '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>',
    `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><alert xmlns="${NS}">&lol2;</alert>`,
    '<!ENTITY % p SYSTEM "file:///etc/passwd">',
    '<a xmlns:x="urn:x"><x:b x:c="1" __proto__="p" constructor="c"/></a>',
    `<alert xmlns="${NS}" __proto__="x"><identifier __proto__="y">a</identifier></alert>`,
    '', ' ', '<a/><b/>', '<a>', 'text only', '<?xml version="1.0"?>',
  ),
  fc.integer({ min: 1, max: 200 }).map((n) => `${'<x>'.repeat(n)}${'</x>'.repeat(n)}`),
  fc.integer({ min: 1, max: 30_000 }).map((n) => `<a>${'<b/>'.repeat(n)}</a>`),
  fc.nat(HUGE.text).map((n) => `<a>${'x'.repeat(n)}</a>`),
  fc.constant(`<a>${'x'.repeat(1_000_001)}</a>`),
);

const inputs = fc.oneof(
  { weight: 3, arbitrary: structured },
  { weight: 4, arbitrary: edited },
  { weight: 2, arbitrary: hostile },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
);

const LINE_COL = /^\d+:\d+: \S/;

function read(xml: string): CapMessage | null {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (e) {
    expect(e, String(e)).toBeInstanceOf(XmlRefused);
    const m = (e as XmlRefused).message;
    expect(m === 'no root element' || LINE_COL.test(m) || /^not well-formed XML: \d+:\d+: \S/.test(m), m).toBe(true);
    return null;
  }
  try {
    return readCapMessage(root);
  } catch (e) {
    expect(e, String(e)).toBeInstanceOf(CapInvalid);
    expectClearValidatorErrors((e as CapInvalid).details);
    return null;
  }
}

describe('fuzz: CAP 1.2 reader', () => {
  it('reads the good alert', () => {
    expect(read(good)).toMatchObject({ identifier: 'ID-1', status: 'Actual', msgType: 'Update' });
  });

  it('no crash, refusals name line:column or the field, accepted alerts round-trip', () => {
    let accepted = 0;
    fuzz('CAP reader', inputs, (xml) => {
      const message = read(xml);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      if (!message) return;
      accepted++;
      expect(read(writeXml(parseXml(xml)))).toEqual(message);
    });
    expect(accepted).toBeGreaterThan(0);
  }, fuzzTimeout(0.5));
});
