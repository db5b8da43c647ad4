// Reading CAP 1.2 safely and mapping it (docs/automation.md "CAP"): what is refused, with which
// field; which info block is shown; the tables; polygons kept lat,lon and decimated past the wire's cap.
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../core/protocol/limits.js';
import { capAlertId, mapToAlert, messageExpires, preferredInfo } from './cap-mapping.js';
import { CapInvalid, readCapMessage, type CapMessage } from './cap-message.js';
import { parseXml, XmlRefused } from './cap-xml.js';

const info = (inner: string, lang = 'vi-VN') => `<info><language>${lang}</language><category>Met</category><event>Bão</event>
  <urgency>Immediate</urgency><severity>Extreme</severity><certainty>Observed</certainty>${inner}</info>`;
const cap = (inner: string, head = '<msgType>Alert</msgType>') => `<?xml version="1.0"?>
<!-- comment before the root is fine -->
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>ID-1</identifier><sender>s@x.vn</sender>
<sent>2026-12-07T09:00:00+07:00</sent><status>Actual</status>${head}<scope>Public</scope>${inner}</alert>`;
const read = (xml: string): CapMessage => readCapMessage(parseXml(xml));
const problems = (xml: string): string[] => {
  try {
    read(xml);
  } catch (e) {
    if (e instanceof CapInvalid) return e.details;
    if (e instanceof XmlRefused) return [`${e.kind}: ${e.message}`];
    throw e;
  }
  return [];
};

describe('CAP 1.2 reading', () => {
  it('reads text with predefined entities and CDATA, dates in ms, and shapes lat,lon', () => {
    const m = read(cap(info(`<headline><![CDATA[Bão số 9 <mạnh>]]></headline><description>Gió &amp; mưa &#273;ổ bộ</description>
      <expires>2026-12-08T09:00:00+07:00</expires>
      <area><areaDesc>Khánh Hòa</areaDesc><polygon>12,109 12,110 13,110 12,109</polygon><circle>12.25,109.19 0</circle></area>`)));
    expect(m).toMatchObject({ identifier: 'ID-1', sender: 's@x.vn', sent: Date.parse('2026-12-07T02:00:00Z'), status: 'Actual', msgType: 'Alert' });
    expect(m.infos[0]).toMatchObject({
      headline: 'Bão số 9 <mạnh>',
      description: 'Gió & mưa đổ bộ',
      expires: Date.parse('2026-12-08T02:00:00Z'),
      areas: [{ desc: 'Khánh Hòa', polygons: [[[12, 109], [12, 110], [13, 110], [12, 109]]], circles: [{ lat: 12.25, lon: 109.19, radiusKm: 0 }] }],
    });
  });

  it('refuses a DOCTYPE or any declaration before parsing, and nesting past its cap', () => {
    expect(problems(`<!DOCTYPE a>${cap('')}`)[0]).toMatch(/^doctype: 1:1: a DOCTYPE/);
    expect(problems(cap('<!ENTITY x "y">'))[0]).toMatch(/^doctype: /);
    expect(problems(cap(`${'<x>'.repeat(30)}${'</x>'.repeat(30)}`))[0]).toMatch(/^malformed: .*nested deeper than 24/);
    expect(problems(cap('<note>&xxe;</note>'))[0]).toMatch(/^malformed: .*undefined entity/i);
    expect(problems('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>')[0]).toMatch(/^malformed: not well-formed/);
  });

  it('names every bad field', () => {
    expect(problems(cap(info('<area><areaDesc>A</areaDesc><polygon>12,109 12,110 13,110 12,111</polygon><circle>12,109</circle></area>')))).toEqual([
      'info[0].area[0].polygon[0]: not closed (the last point must repeat the first)',
      'info[0].area[0].circle[0]: not "lat,lon radius" (radius in km)',
    ]);
    expect(problems(cap(info('<area><areaDesc>A</areaDesc><polygon>109,12 110,12 110,13 109,12</polygon></area>')))).toEqual([
      'info[0].area[0].polygon[0]: "109,12" is not a WGS 84 "lat,lon" pair',
    ]);
    expect(problems(cap(info(''), '<msgType>Update</msgType>'))).toEqual(['references: an Update must name the message it changes']);
    expect(problems(cap(info(''), '<msgType>Update</msgType><references>s@x.vn,ID-0</references>'))).toEqual([
      'references: "s@x.vn,ID-0" is not a "sender,identifier,sent" triple',
    ]);
    expect(problems(cap(info('')).replace('ID-1', 'ID 1'))).toEqual(['identifier: may not hold spaces, commas, "<" or "&"']);
    expect(problems(cap(info('<expires>tomorrow</expires>')))).toEqual(['info[0].expires: "tomorrow" is not a CAP dateTime (YYYY-MM-DDThh:mm:ss±hh:mm)']);
    expect(problems(cap(''))).toEqual(['info: an Actual Alert needs at least one info block']);
  });
});

describe('CAP 1.2 mapping', () => {
  it('shows the Vietnamese block, then English, then the first', () => {
    const m = read(cap(info('<headline>B</headline>', 'fr') + info('<headline>en</headline>', 'en-US') + info('<headline>vi</headline>')));
    expect(preferredInfo(m.infos)?.headline).toBe('vi');
    expect(preferredInfo(m.infos.slice(0, 2))?.headline).toBe('en');
    expect(preferredInfo(m.infos.slice(0, 1))?.headline).toBe('B');
  });

  it('maps severity and category, names floods by their event, shortens text to the wire', () => {
    const m = read(cap(info(`<headline>${'Đ'.repeat(300)}</headline><area><areaDesc>Cam Ranh</areaDesc></area>`)));
    const a = mapToAlert(m, m.infos[0]!);
    expect(a).toMatchObject({ severity: 'critical', sector: 'weather', area: 'Cam Ranh', source: 's@x.vn' });
    expect(a.title).toHaveLength(LIMITS.title);
    expect(a.title.endsWith('…')).toBe(true);
    const flood = read(cap(info('').replace('<event>Bão</event>', '<event>Ngập lụt đô thị</event>').replace('Extreme', 'Minor')));
    expect(mapToAlert(flood, flood.infos[0]!)).toMatchObject({ sector: 'flood', severity: 'warning', title: 'Ngập lụt đô thị' });
  });

  it('decimates a long polygon to the cap and keeps it closed', () => {
    const ring = Array.from({ length: 1000 }, (_v, i) => `${(10 + Math.sin(i / 159) / 10).toFixed(5)},${(106 + Math.cos(i / 159) / 10).toFixed(5)}`);
    ring.push(ring[0]!);
    const m = read(cap(info(`<area><areaDesc>A</areaDesc><polygon>${ring.join(' ')}</polygon></area>`)));
    const poly = mapToAlert(m, m.infos[0]!).areas!.polygons[0]!;
    expect(poly.length).toBeLessThanOrEqual(LIMITS.alertPolygonPoints);
    expect(poly.length).toBeGreaterThan(LIMITS.alertPolygonPoints / 2);
    expect(poly[poly.length - 1]).toEqual(poly[0]);
  });

  it('ends when the last info ends; an info without expires never ends; ids are stable', () => {
    const m = read(cap(info('<expires>2026-12-08T09:00:00+07:00</expires>') + info('<expires>2026-12-09T09:00:00+07:00</expires>', 'en')));
    expect(messageExpires(m)).toBe(Date.parse('2026-12-09T02:00:00Z'));
    expect(messageExpires(read(cap(info('<expires>2026-12-08T09:00:00+07:00</expires>') + info(''))))).toBeNull();
    expect(capAlertId('s@x.vn', 'ID-1')).toBe(capAlertId('s@x.vn', 'ID-1'));
    expect(capAlertId('s@x.vn', 'ID-1')).not.toBe(capAlertId('s@x.vn', 'ID-2'));
  });
});
