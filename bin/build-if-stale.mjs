#!/usr/bin/env node
// `npm start`'s first step: `npm run build` only when dist/ is older than the sources (or missing),
// saying which; a fresh dist/ is used as it is (src/cli/demo-build.ts decides, by modification times).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const checker = new URL('../dist/cli/demo-build.js', import.meta.url);
let why = 'dist/ is not built';
if (existsSync(checker)) {
  const { freshness, BUILD_INPUTS, BUILD_OUTPUTS } = await import(checker.href);
  const f = freshness(root, BUILD_INPUTS, BUILD_OUTPUTS);
  if (f.fresh) {
    console.log(`wallrun: dist/ mới hơn mã nguồn: bỏ qua bước build / dist/ is newer than every source (built ${new Date(f.builtAt).toLocaleString()}): build skipped`);
    process.exit(0);
  }
  why = f.why;
}
console.log(`wallrun: build lại (${why}) / building: ${why}`);
const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
