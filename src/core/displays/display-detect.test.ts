import { describe, expect, it } from 'vitest';
import { detectedFromConnectors, parseDetectedDisplays, parseDrmSnapshot, parseXrandr } from './display-detect.js';
import { edidHexLines, makeEdid } from '../../../test/support/edid-fixtures.js';

const CAPS = '(normal left inverted right x axis y axis)';
const MODES_1080 = `   1920x1080     60.00*+  59.94    50.00  
   1680x1050     59.88  
   1280x1024     60.02  
   1280x720      60.00    59.94    50.00  
   1024x768      60.00  
   800x600       60.32  
   640x480       59.94  `;

/** `xrandr --query` on a node PC with six panels on DP-1…DP-6 side by side (modesetting driver). */
const XRANDR_SIX = [
  'Screen 0: minimum 320 x 200, current 11520 x 1080, maximum 16384 x 16384',
  `DP-1 connected primary 1920x1080+0+0 ${CAPS} 1210mm x 680mm`,
  MODES_1080,
  `DP-2 connected 1920x1080+1920+0 ${CAPS} 1210mm x 680mm`,
  MODES_1080,
  `HDMI-1 disconnected ${CAPS}`,
  `DP-3 connected 1920x1080+3840+0 ${CAPS} 1210mm x 680mm`,
  MODES_1080,
  `DP-4 connected 1920x1080+5760+0 ${CAPS} 1210mm x 680mm`,
  MODES_1080,
  `DP-5 connected 1920x1080+7680+0 ${CAPS} 1210mm x 680mm`,
  MODES_1080,
  `DP-6 connected 1920x1080+9600+0 ${CAPS} 1210mm x 680mm`,
  MODES_1080,
  `HDMI-2 disconnected ${CAPS}`,
  '',
].join('\n');

describe('parseXrandr', () => {
  it('reads six connected DP outputs with their desktop bounds, in order', () => {
    const outputs = parseXrandr(XRANDR_SIX);
    expect(outputs.map((o) => [o.connector, o.connected, o.active])).toEqual([
      ['DP-1', true, true], ['DP-2', true, true], ['HDMI-1', false, false], ['DP-3', true, true],
      ['DP-4', true, true], ['DP-5', true, true], ['DP-6', true, true], ['HDMI-2', false, false],
    ]);
    expect(outputs[0]).toMatchObject({ primary: true, rotation: 0, bounds: { x: 0, y: 0, width: 1920, height: 1080 } });
    expect(outputs[6]!.bounds).toEqual({ x: 9600, y: 0, width: 1920, height: 1080 });
    expect(outputs[1]!.primary).toBe(false);
    expect(outputs[0]!.modes[0]).toEqual({ width: 1920, height: 1080 });
    expect(outputs[0]!.modes).toHaveLength(7);
  });

  it('turns xrandr rotation words into clockwise degrees and sees connected outputs that are off', () => {
    const text = XRANDR_SIX.replace(`DP-4 connected 1920x1080+5760+0 ${CAPS}`, `DP-4 connected 1080x1920+5760+0 left ${CAPS}`)
      .replace(`DP-5 connected 1920x1080+7680+0 ${CAPS}`, `DP-5 connected 1080x1920+6840+0 right ${CAPS}`)
      .replace(`DP-6 connected 1920x1080+9600+0 ${CAPS} 1210mm x 680mm`, `DP-6 connected ${CAPS}`);
    const outputs = parseXrandr(text);
    expect(outputs.find((o) => o.connector === 'DP-4')).toMatchObject({ rotation: 270, bounds: { width: 1080, height: 1920 } });
    expect(outputs.find((o) => o.connector === 'DP-5')!.rotation).toBe(90);
    const detection = detectedFromConnectors(outputs);
    expect(detection.inactive).toEqual(['DP-6']);
    expect(detection.displays.map((d) => d.label)).toEqual(['DP-1', 'DP-2', 'DP-3', 'DP-4', 'DP-5']);
  });

  it('reads the EDID name and serial from --verbose, with its mode lines', () => {
    const edid = makeEdid({ name: 'SAMSUNG UH55F', serialNumber: 0x01f3 });
    const text = [
      'Screen 0: minimum 320 x 200, current 1920 x 1080, maximum 16384 x 16384',
      `DP-1 connected primary 1920x1080+0+0 (0x48) normal ${CAPS} 1210mm x 680mm`,
      '\tIdentifier: 0x42',
      '\tTimestamp:  2519',
      '\tSubpixel:   unknown',
      '\tGamma:      1.0:1.0:1.0',
      '\tBrightness: 1.0',
      '\tClones:    ',
      '\tCRTC:       0',
      '\tTransform:  1.000000 0.000000 0.000000',
      '\t            0.000000 1.000000 0.000000',
      '\t            0.000000 0.000000 1.000000',
      '\t           filter: ',
      '\tEDID: ',
      edidHexLines(edid),
      '\tnon-desktop: 0 ',
      '\t\trange: (0, 1)',
      '  1280x720 (0x4a) 74.250MHz +HSync +VSync',
      '        h: width  1280 start 1390 end 1430 total 1650 skew    0 clock  45.00KHz',
      '        v: height  720 start  725 end  730 total  750           clock  60.00Hz',
      '  1920x1080 (0x48) 148.500MHz +HSync +VSync *current +preferred',
      '        h: width  1920 start 2008 end 2052 total 2200 skew    0 clock  67.50KHz',
      '        v: height 1080 start 1084 end 1089 total 1125           clock  60.00Hz',
      `DP-2 disconnected (normal left inverted right x axis y axis)`,
      '\tIdentifier: 0x43',
    ].join('\n');
    const [dp1, dp2] = parseXrandr(text);
    expect(dp1).toMatchObject({ connector: 'DP-1', rotation: 0, edid: { name: 'SAMSUNG UH55F', serialNumber: 0x01f3 } });
    expect(dp1!.modes).toEqual([{ width: 1920, height: 1080 }, { width: 1280, height: 720 }]);
    expect(dp2!.edid).toBeUndefined();
    expect(detectedFromConnectors([dp1!, dp2!]).displays).toEqual([
      { id: 1, label: 'DP-1', bounds: { x: 0, y: 0, width: 1920, height: 1080 }, rotation: 0, scaleFactor: 1, edidName: 'SAMSUNG UH55F', serial: '0x01F3' },
    ]);
  });

  it('gives nothing for text that is not xrandr output', () => {
    expect(parseXrandr("Can't open display :0\n")).toEqual([]);
  });
});

describe('parseDrmSnapshot', () => {
  const snapshot = [
    { name: 'card0-DP-2', status: 'connected\n', enabled: 'enabled\n', modes: '1920x1080\n1280x720\n', edid: makeEdid({ name: 'LG 55VM5E', serialText: '105NTAB1234' }) },
    { name: 'card0-DP-1', status: 'connected\n', enabled: 'enabled\n', modes: '1920x1080\n', edid: new Uint8Array(0) },
    { name: 'card0-HDMI-A-1', status: 'disconnected\n', enabled: 'disabled\n', modes: '' },
    { name: 'card0-DP-10', status: 'connected\n', enabled: 'disabled\n', modes: '3840x2160\n' },
  ];

  it('names connectors without the card, sorts them naturally, reads EDID and off outputs', () => {
    const connectors = parseDrmSnapshot(snapshot);
    expect(connectors.map((c) => [c.connector, c.connected, c.active])).toEqual([
      ['DP-1', true, true], ['DP-2', true, true], ['DP-10', true, false], ['HDMI-A-1', false, false],
    ]);
    const detection = detectedFromConnectors(connectors);
    expect(detection).toEqual({
      displays: [
        { id: 1, label: 'DP-1', bounds: { x: 0, y: 0, width: 1920, height: 1080 }, rotation: 0, scaleFactor: 1 },
        { id: 2, label: 'DP-2', bounds: { x: 1920, y: 0, width: 1920, height: 1080 }, rotation: 0, scaleFactor: 1, edidName: 'LG 55VM5E', serial: '105NTAB1234' },
      ],
      inactive: ['DP-10'],
      positionsGuessed: true,
    });
  });

  it('keeps the card prefix when two cards have the same connector name', () => {
    const names = parseDrmSnapshot([
      { name: 'card1-DP-1', status: 'connected', modes: '1920x1080' },
      { name: 'card0-DP-1', status: 'connected', modes: '1920x1080' },
      { name: 'card0-DP-2', status: 'connected', modes: '1920x1080' },
    ]).map((c) => c.connector);
    expect(names).toEqual(['card0-DP-1', 'DP-2', 'card1-DP-1']);
  });
});

describe('parseDetectedDisplays (--from FILE)', () => {
  it('takes what the kiosk writes and a dump of Electron displays, filling defaults', () => {
    const electron = [{ id: 2528732444, label: 'DP-1', bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: {}, rotation: 0, scaleFactor: 1, internal: false }];
    expect(parseDetectedDisplays(electron)).toEqual({ ok: true, displays: [{ id: 2528732444, label: 'DP-1', bounds: { x: 0, y: 0, width: 1920, height: 1080 }, rotation: 0, scaleFactor: 1 }] });
    expect(parseDetectedDisplays({ displays: [{ bounds: { x: 0, y: 0, width: 1080, height: 1920 }, rotation: 90, label: '' }] })).toEqual({
      ok: true,
      displays: [{ id: 1, bounds: { x: 0, y: 0, width: 1080, height: 1920 }, rotation: 90, scaleFactor: 1 }],
    });
  });

  it('names every problem by its path', () => {
    expect(parseDetectedDisplays([{ bounds: { x: 0, y: 0, width: 0, height: 1 } }, 'DP-1', { bounds: { x: 0, y: 0, width: 1, height: 1 }, rotation: 45, label: 3 }])).toEqual({
      ok: false,
      errors: ['[0].bounds: expected { x, y, width, height } in whole pixels, width and height above 0', '[1]: expected an object', '[2].rotation: expected 0, 90, 180 or 270'],
    });
    expect(parseDetectedDisplays({ x: 1 })).toEqual({ ok: false, errors: ['expected a JSON array of displays (or { "displays": [...] })'] });
  });
});
