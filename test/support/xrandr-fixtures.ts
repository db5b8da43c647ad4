/**
 * `xrandr --verbose` text built in code for tests (cf. test-edid.ts): per output its header line
 * (geometry, rotation word, capabilities), EDID hex where the panel has one, and its current mode,
 * as a node PC with the modesetting driver prints them.
 */
import { edidHexLines, makeEdid } from './edid-fixtures.js';

export interface XrandrOutput {
  name: string;
  /** `1920x1080+0+0`, after rotation; absent for a connected output that shows nothing. */
  geo?: string;
  turn?: 'left' | 'right';
  /** EDID serial number; absent: no EDID. */
  serialNumber?: number;
  /** EDID name (default `SAMSUNG UH55F`). */
  model?: string;
  connected?: boolean;
}

const CAPS = '(normal left inverted right x axis y axis)';

export function xrandrVerbose(outputs: readonly XrandrOutput[]): string {
  const lines = ['Screen 0: minimum 320 x 200, current 11520 x 1080, maximum 16384 x 16384'];
  for (const o of outputs) {
    if (o.connected === false) {
      lines.push(`${o.name} disconnected ${CAPS}`, '\tIdentifier: 0x50');
      continue;
    }
    const place = o.geo ? `${o.geo} (0x48) ${o.turn ?? 'normal'} ` : '';
    lines.push(`${o.name} connected ${place}${CAPS} 1210mm x 680mm`, '\tIdentifier: 0x42', '\tCRTC:       0', '\tEDID: ');
    if (o.serialNumber !== undefined) lines.push(edidHexLines(makeEdid({ name: o.model ?? 'SAMSUNG UH55F', serialNumber: o.serialNumber })));
    lines.push(
      '\tnon-desktop: 0 ',
      '  1920x1080 (0x48) 148.500MHz +HSync +VSync *current +preferred',
      '        h: width  1920 start 2008 end 2052 total 2200 skew    0 clock  67.50KHz',
      '        v: height 1080 start 1084 end 1089 total 1125           clock  60.00Hz',
    );
  }
  return `${lines.join('\n')}\n`;
}
