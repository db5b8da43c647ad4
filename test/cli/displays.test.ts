/**
 * `wallrun displays` against the shipped wall (node-2 drives r2c1…r2c6 on DP-1…DP-6): displays
 * from a `--from` file and from a /sys/class/drm snapshot, a missing screen named exactly as the
 * kiosk logs it (exit 1), doubtful modes and ambiguous selectors, and colour only on a terminal.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DetectedDisplay } from '../../src/core/displays/displays.js';
import { formatDisplays, type DisplaysReport } from '../../src/cli/displays.js';
import { makeEdid } from '../support/edid-fixtures.js';
import { repoRoot, wallrun } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'wallrun-displays-'));

/** DP-n side by side at 1920 × 1080, as the kiosk writes them to displays.json. */
function row(connectors: number[], edit: (d: DetectedDisplay) => DetectedDisplay = (d) => d): DetectedDisplay[] {
  return connectors.map((c, i) => edit({ id: c, label: `DP-${c}`, bounds: { x: i * 1920, y: 0, width: 1920, height: 1080 }, rotation: 0, scaleFactor: 1 }));
}

function fromFile(name: string, displays: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(displays));
  return file;
}

describe('wallrun displays --from', () => {
  it('matches every screen of the node and exits 0, without colour when not on a terminal', () => {
    const run = wallrun(['displays', '--node', 'node-2', '--from', fromFile('all.json', row([1, 2, 3, 4, 5, 6]))], repoRoot);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(`Node node-2 of wall ioc-ca-mau: 6 screens, 6 displays connected (${join(dir, 'all.json')})`);
    expect(lines.find((l) => l.startsWith('r2c3 '))).toMatch(/^r2c3\s+col 2, row 1\s+connector DP-3\s+ok\s+DP-3 \(id 3, 1920x1080\+3840\+0\)$/);
    expect(run.stdout).not.toContain('\x1b[');
    expect(run.stderr).toBe('');
  });

  it('exits 1 naming the missing screen exactly as the kiosk logs it', () => {
    const run = wallrun(['displays', '--node', 'node-2', '--from', fromFile('no-dp3.json', row([1, 2, 4, 5, 6]))], repoRoot);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('wallrun: screen r2c3 (node-2, connector DP-3): no display with connector DP-3 — connected: DP-1, DP-2, DP-4, DP-5, DP-6\n');
    expect(run.stdout.split('\n').find((l) => l.startsWith('r2c3 '))).toMatch(/^r2c3\s+col 2, row 1\s+connector DP-3\s+MISSING\s+no display with connector DP-3$/);
    expect(run.stdout).not.toContain('Unused displays');
  });

  it('reports ambiguous selectors, unexpected modes and rotations, and unused displays (JSON)', () => {
    const displays = row([1, 2, 3, 4, 5, 6, 7], (d) => {
      if (d.label === 'DP-4') return { ...d, label: 'DP-2' }; // two outputs answer to DP-2
      if (d.label === 'DP-5') return { ...d, bounds: { ...d.bounds, width: 1280, height: 720 } };
      if (d.label === 'DP-6') return { ...d, rotation: 90 };
      return d;
    });
    const run = wallrun(['displays', '--node', 'node-2', '--json', '--from', fromFile('odd.json', displays)], repoRoot);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as DisplaysReport;
    expect(report.screens.map((s) => [s.screen, s.status])).toEqual([
      ['r2c1', 'ok'], ['r2c2', 'ambiguous'], ['r2c3', 'ok'], ['r2c4', 'missing'], ['r2c5', 'warn'], ['r2c6', 'warn'],
    ]);
    expect(report.screens[1]!.detail).toBe('2 displays answer to it (DP-2, DP-2)');
    expect(report.screens[4]!.warnings).toEqual(['mode 1280x720, wall.yaml expects 1920x1080']);
    expect(report.screens[5]!.warnings).toEqual(['rotated 90°, wall.yaml says 0°']);
    expect(report.unused.map((d) => d.id)).toEqual([2, 4, 7]);
    expect(run.stderr.split('\n').filter(Boolean)).toEqual([
      'wallrun: screen r2c2 (node-2, connector DP-2): 2 displays answer to it (DP-2, DP-2); make its selector unique in wall.yaml',
      'wallrun: screen r2c4 (node-2, connector DP-4): no display with connector DP-4 — connected: DP-1, DP-2, DP-3, DP-2, DP-5, DP-6, DP-7',
    ]);
  });

  it('colours problem rows red and doubtful ones yellow when asked (a terminal)', () => {
    const run = wallrun(['displays', '--node', 'node-2', '--json', '--from', fromFile('no-dp3-again.json', row([1, 2, 4, 5, 6, 7]))], repoRoot);
    const report = JSON.parse(run.stdout) as DisplaysReport;
    const text = formatDisplays(report, true);
    expect(text.split('\n').find((l) => l.includes('r2c3'))).toMatch(/^\x1b\[1;31mr2c3 .*MISSING.*\x1b\[0m$/);
    expect(text.split('\n').find((l) => l.includes('r2c1'))).not.toContain('\x1b[');
    expect(text).toContain('\x1b[33m  DP-7 (id 7, 1920x1080+9600+0)\x1b[0m');
    expect(formatDisplays(report, false)).not.toContain('\x1b[');
  });

  it('exits 2 when it cannot tell what to check', () => {
    const bad = wallrun(['displays', '--node', 'node-9', '--from', fromFile('x.json', [])], repoRoot);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('wallrun: node "node-9" is not in wall.yaml (nodes: node-1, node-2, node-3)\n');
    const broken = wallrun(['displays', '--node', 'node-2', '--from', fromFile('broken.json', [{ bounds: { x: 0, y: 0 } }])], repoRoot);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('broken.json: [0].bounds: expected { x, y, width, height }');
  });
});

describe('wallrun displays on a PC without X (/sys/class/drm)', () => {
  it('reads connectors, EDID names and serials from sysfs and names what is off or missing', () => {
    const drm = join(dir, 'drm');
    const connector = (name: string, status: string, files: Record<string, string | Uint8Array> = {}): void => {
      mkdirSync(join(drm, name), { recursive: true });
      writeFileSync(join(drm, name, 'status'), `${status}\n`);
      for (const [f, content] of Object.entries(files)) writeFileSync(join(drm, name, f), content);
    };
    mkdirSync(join(drm, 'card0'), { recursive: true }); // the card itself: not a connector
    for (const c of [1, 2, 4, 5]) connector(`card0-DP-${c}`, 'connected', { enabled: 'enabled\n', modes: '1920x1080\n1280x720\n', edid: makeEdid({ name: 'SAMSUNG UH55F', serialNumber: 0x100 + c }) });
    connector('card0-DP-3', 'disconnected', { enabled: 'disabled\n', modes: '' });
    connector('card0-DP-6', 'connected', { enabled: 'disabled\n', modes: '1920x1080\n' });
    const r = spawnSync(process.execPath, [join(repoRoot, 'bin/wallrun.js'), 'displays', '--node', 'node-2'], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 20_000,
      env: { ...process.env, WALLRUN_XRANDR: join(dir, 'no-xrandr-here'), WALLRUN_DRM_DIR: drm },
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^r2c1\s+col 0, row 1\s+connector DP-1\s+ok\s+DP-1 \(id 1, 1920x1080\+0\+0\) "SAMSUNG UH55F" #0x0101$/m);
    expect(r.stdout).toContain('Connected but showing nothing (no mode set, or disabled): DP-6');
    expect(r.stdout).toContain(`not used: ${join(dir, 'no-xrandr-here')}: not installed`);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      'wallrun: screen r2c3 (node-2, connector DP-3): no display with connector DP-3 — connected: DP-1, DP-2, DP-4, DP-5',
      'wallrun: screen r2c6 (node-2, connector DP-6): no display with connector DP-6 — connected: DP-1, DP-2, DP-4, DP-5',
    ]);
  });
});
