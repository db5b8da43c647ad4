import { describe, expect, it } from 'vitest';
import { repoRoot, wallrun } from '../support/cli.js';

describe('wallrun inspect', () => {
  it('prints the 18-screen map and one spanning window per node', () => {
    const run = wallrun(['inspect'], repoRoot);
    expect(run.code).toBe(0);
    const rows = run.stdout.split('\n');
    expect(rows).toContain('Wall ioc-ca-mau: 18 screens');
    // Second panel of the top row: one cell pitch (3 + 1920 + 3 px) right of the first, 3 px bezel inset.
    expect(rows.find((r) => r.startsWith('r1c2 '))).toMatch(/^r1c2\s+col 1, row 0\s+1920x1080\+1929\+3\s+connector DP-2\s+node-1\s+1920x1080\s+0°$/);
    expect(rows.find((r) => r.startsWith('node-3/w0 '))).toMatch(/node-3\s+11520x1080\+0\+0\s+r3c1 r3c2 r3c3 r3c4 r3c5 r3c6\s+11550x1080\+3\+2175$/);
  });

  it('gives the same facts as JSON', () => {
    const run = wallrun(['inspect', '--json'], repoRoot);
    const report = JSON.parse(run.stdout) as { screens: { screen: string; node: string }[]; windows: { node: string; screens: unknown[] }[] };
    expect(report.screens).toHaveLength(18);
    expect(report.windows.map((w) => [w.node, w.screens.length])).toEqual([['node-1', 6], ['node-2', 6], ['node-3', 6]]);
  });

  it('exits 1 with the position of a broken wall file', () => {
    const run = wallrun(['inspect', '--wall', 'layouts/overview.yaml'], repoRoot);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^layouts\/overview\.yaml:\d+:\d+: error: /m);
  });
});
