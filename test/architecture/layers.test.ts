/**
 * The floor plan holds: dependency-cruiser, run once over src/ with the arrows of
 * .dependency-cruiser.cjs, finds no wrong-way import and no circle. The planted cases show the
 * check can fail: a copy of the rules over a small tree with one wrong-way import, one type-only
 * circle and one file outside every room.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const BIN = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
  cycle?: { name: string }[];
}

/** Runs dependency-cruiser over `src` in `cwd` and returns its violations. */
function cruise(cwd: string): Promise<Violation[]> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, 'src', '--config', CONFIG, '--output-type', 'json'], { cwd, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      try {
        const result = JSON.parse(stdout) as { summary: { violations: Violation[] } };
        resolve(result.summary.violations);
      } catch {
        reject(new Error(`dependency-cruiser failed: ${error?.message ?? ''}\n${stderr}`));
      }
    });
  });
}

const describeViolation = (v: Violation): string =>
  `${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (circle: ${v.cycle.map((c) => c.name).join(' → ')})` : ''}`;

const ruleNames = async (): Promise<string[]> => {
  const { createRequire } = await import('node:module');
  const config = createRequire(import.meta.url)(CONFIG) as { forbidden: { name: string }[] };
  return config.forbidden.map((r) => r.name);
};

describe('the floor plan', () => {
  it('src/ has no wrong-way import and no circle', async () => {
    const violations = await cruise(ROOT);
    expect(violations.map(describeViolation)).toEqual([]);
    // Cruising ~550 modules takes a few seconds of CPU, far more on a loaded 2-core machine.
  }, 120_000);

  it('every folder of src/ and src/core/ is a room of the plan', async () => {
    const rooms = (await ruleNames()).filter((n) => n.startsWith('room:')).map((n) => n.slice('room:'.length));
    const folders = (dir: string): string[] => readdirSync(join(ROOT, dir), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    for (const f of folders('src')) expect(rooms, `src/${f}`).toContain(f);
    for (const f of folders('src/core')) expect(rooms, `src/core/${f}`).toContain(`core/${f}`);
  });
});

describe('the check fails on a planted mistake', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wallrun-layers-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const plant = (path: string, text: string): void => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  plant('tsconfig.json', JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }));
  plant('package.json', JSON.stringify({ type: 'module' }));
  // A wrong-way import: the pure model reaching into the Node-side loader.
  plant('src/core/wall/model.ts', "import { loadProject } from '../../node/files.js';\nexport const model = loadProject;\n");
  plant('src/node/files.ts', 'export function loadProject(): void {}\n');
  // A type-only circle inside one room.
  plant('src/hub/a.ts', "import type { B } from './b.js';\nexport interface A { b: B }\n");
  plant('src/hub/b.ts', "import type { A } from './a.js';\nexport interface B { a?: A }\n");
  // The console reaching into the hub (types it needs belong in core's protocol room).
  plant('src/console/main.ts', "import type { A } from '../hub/a.js';\nexport const x: A | null = null;\n");

  it('names each planted violation', async () => {
    const found = (await cruise(dir)).map((v) => `${v.rule.name} ${v.from} → ${v.to}`);
    expect(found).toContain('room:core/wall src/core/wall/model.ts → src/node/files.ts');
    expect(found).toContain('room:console src/console/main.ts → src/hub/a.ts');
    expect(found.filter((f) => f.startsWith('no-circular'))).not.toEqual([]);
  });
});
