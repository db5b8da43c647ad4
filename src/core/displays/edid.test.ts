import { describe, expect, it } from 'vitest';
import { edidSerial, hexToBytes, parseEdid } from './edid.js';
import { makeEdid } from '../../../test/support/edid-fixtures.js';

describe('parseEdid', () => {
  it('reads maker, product, serials, name and preferred mode from a base block', () => {
    const r = parseEdid(makeEdid({ manufacturer: 'SAM', productCode: 0x0f2a, serialNumber: 0x01f3, name: 'SAMSUNG UH55F', serialText: 'H4ZN900123', mode: { width: 1920, height: 1080 } }));
    expect(r).toEqual({
      ok: true,
      edid: { manufacturer: 'SAM', productCode: 0x0f2a, serialNumber: 0x01f3, name: 'SAMSUNG UH55F', serialText: 'H4ZN900123', preferredMode: { width: 1920, height: 1080 }, checksumOk: true },
    });
  });

  it('reads the upper bits of a 4K mode and a 13-character name with no line feed', () => {
    const r = parseEdid(makeEdid({ name: 'LG 55VM5E-AX1', mode: { width: 3840, height: 2160 } }));
    expect(r.ok && r.edid).toMatchObject({ name: 'LG 55VM5E-AX1', preferredMode: { width: 3840, height: 2160 } });
  });

  it('reports a bad checksum without refusing the block (such panels exist)', () => {
    const r = parseEdid(makeEdid({ name: 'X', badChecksum: true }));
    expect(r.ok && r.edid.checksumOk).toBe(false);
  });

  it('refuses what is not an EDID', () => {
    expect(parseEdid(new Uint8Array(64))).toEqual({ ok: false, error: 'EDID too short (64 bytes, a base block is 128)' });
    expect(parseEdid(new Uint8Array(128))).toEqual({ ok: false, error: 'not an EDID (bad header)' });
  });

  it('a serial selector value: the text descriptor, else the number in hex, else none', () => {
    const edid = (spec: Parameters<typeof makeEdid>[0]) => {
      const r = parseEdid(makeEdid(spec));
      if (!r.ok) throw new Error(r.error);
      return r.edid;
    };
    expect(edidSerial(edid({ serialText: 'H4ZN900123', serialNumber: 7 }))).toBe('H4ZN900123');
    expect(edidSerial(edid({ serialNumber: 0x01f3 }))).toBe('0x01F3');
    expect(edidSerial(edid({ serialNumber: 0x8000_0001 }))).toBe('0x80000001');
    expect(edidSerial(edid({}))).toBeUndefined();
  });

  it('hexToBytes takes xrandr hex lines and refuses anything else', () => {
    expect(hexToBytes('\t\t00ff\n\t\t10')).toEqual(new Uint8Array([0x00, 0xff, 0x10]));
    expect(hexToBytes('0g')).toBeNull();
    expect(hexToBytes('abc')).toBeNull();
  });
});
