/**
 * Where `wallrun displays` learns which displays are connected, without Electron: a JSON file
 * (`--from`, e.g. the kiosk's ~/.config/wallrun/displays.json), else `xrandr --verbose` where an X
 * server answers, else /sys/class/drm. Electron main reads the connectors the same way
 * (readConnectors) to name its displays. The parsing is pure (src/core/displays/display-detect.ts); this
 * file only reads. WALLRUN_XRANDR and WALLRUN_DRM_DIR point elsewhere (tests, odd installs).
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  detectedFromConnectors,
  parseDetectedDisplays,
  parseDrmSnapshot,
  parseXrandr,
  type ConnectorInfo,
  type Detection,
  type DrmConnectorSnapshot,
} from '../core/displays/display-detect.js';

export interface DisplaySource {
  source: 'file' | 'xrandr' | 'sysfs';
  /** The file, command or folder read. */
  from: string;
  detection: Detection;
  /** Why earlier sources were passed over. */
  skipped: string[];
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The connector folders of a DRM class directory (`card0-DP-1`, …), files as the kernel gives them. */
export function readDrmSnapshot(dir: string): DrmConnectorSnapshot[] {
  return readdirSync(dir)
    .filter((name) => /^card\d+-/.test(name))
    .flatMap((name): DrmConnectorSnapshot[] => {
      const status = readText(join(dir, name, 'status'));
      if (status === undefined) return [];
      const entry: DrmConnectorSnapshot = { name, status };
      const enabled = readText(join(dir, name, 'enabled'));
      const modes = readText(join(dir, name, 'modes'));
      if (enabled !== undefined) entry.enabled = enabled;
      if (modes !== undefined) entry.modes = modes;
      try {
        entry.edid = new Uint8Array(readFileSync(join(dir, name, 'edid')));
      } catch {
        // No EDID file (or not readable): the display is still listed.
      }
      return [entry];
    });
}

function runXrandr(bin: string): Promise<{ ok: true; text: string } | { ok: false; why: string }> {
  return new Promise((resolve) => {
    execFile(bin, ['--verbose'], { timeout: 5000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (!err) resolve({ ok: true, text: stdout });
      else if ((err as NodeJS.ErrnoException).code === 'ENOENT') resolve({ ok: false, why: `${bin}: not installed` });
      else resolve({ ok: false, why: `${bin}: ${(stderr || err.message).trim().split('\n')[0]}` });
    });
  });
}

/** The connectors, from xrandr or sysfs; a failure says why each was passed over. */
export type ConnectorSource =
  | { ok: true; source: 'xrandr' | 'sysfs'; from: string; connectors: ConnectorInfo[]; skipped: string[] }
  | { ok: false; why: string };

/** The card's connectors: `xrandr --verbose` where an X server answers, else /sys/class/drm. */
export async function readConnectors(): Promise<ConnectorSource> {
  const skipped: string[] = [];
  const bin = process.env.WALLRUN_XRANDR || 'xrandr';
  const x = await runXrandr(bin);
  if (x.ok) {
    const connectors = parseXrandr(x.text);
    // Under Wayland xrandr sees XWayland's virtual outputs, not the connectors.
    if (connectors.length > 0 && !connectors.every((c) => /^XWAYLAND/i.test(c.connector))) {
      return { ok: true, source: 'xrandr', from: `${bin} --verbose`, connectors, skipped };
    }
    skipped.push(connectors.length > 0 ? `${bin}: only XWayland outputs (Wayland session)` : `${bin}: no outputs in its answer`);
  } else skipped.push(x.why);
  const drm = process.env.WALLRUN_DRM_DIR || '/sys/class/drm';
  if (!existsSync(drm)) {
    skipped.push(`${drm}: not found`);
    return { ok: false, why: skipped.join('; ') };
  }
  return { ok: true, source: 'sysfs', from: drm, connectors: parseDrmSnapshot(readDrmSnapshot(drm)), skipped };
}

/** The connected displays, from the first source that answers; an error names what was tried. */
export async function readDisplays(options: { from?: string }): Promise<DisplaySource | { error: string }> {
  if (options.from !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(options.from, 'utf8'));
    } catch (err) {
      return { error: `${options.from}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}` };
    }
    const parsed = parseDetectedDisplays(json);
    if (!parsed.ok) return { error: parsed.errors.map((e) => `${options.from}: ${e}`).join('\n') };
    return { source: 'file', from: options.from, detection: { displays: parsed.displays, inactive: [], positionsGuessed: false }, skipped: [] };
  }
  const c = await readConnectors();
  if (!c.ok) {
    return { error: `cannot list the connected displays (${c.why}); run this on the wall PC, or pass --from FILE (the kiosk writes ~/.config/wallrun/displays.json)` };
  }
  return { source: c.source, from: c.from, detection: detectedFromConnectors(c.connectors), skipped: c.skipped };
}
