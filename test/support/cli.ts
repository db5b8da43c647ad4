import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { TOKEN_SPECS } from './hub-fixtures.js';

export const repoRoot = resolve(import.meta.dirname, '../..');
const bin = join(repoRoot, 'bin/wallrun.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs the built `wallrun` bin as a user would (dist/ must be built: `npm test` builds first). */
export function wallrun(args: string[], cwd: string): CliRun {
  const started = performance.now();
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - started };
}

/** A scratch copy of the shipped project (wall, layouts, themes, schemas) that a test may break. */
export function scratchProject(): { dir: string; write(rel: string, content: string | Uint8Array): void; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'wallrun-cli-'));
  for (const part of ['wall.yaml', 'cameras.yaml', 'layouts', 'themes', 'schemas']) cpSync(join(repoRoot, part), join(dir, part), { recursive: true });
  return {
    dir,
    write(rel, content) {
      mkdirSync(dirname(join(dir, rel)), { recursive: true });
      writeFileSync(join(dir, rel), content);
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** `<project>/hub-data` holding the test tokens (mode 600), for `wallrun hub --data`. */
export function hubDataWithTokens(projectDir: string): string {
  const dataDir = join(projectDir, 'hub-data');
  mkdirSync(dataDir);
  writeFileSync(join(dataDir, 'tokens.json'), JSON.stringify({ tokens: TOKEN_SPECS }), { mode: 0o600 });
  return dataDir;
}
