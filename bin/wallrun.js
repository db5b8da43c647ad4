#!/usr/bin/env node
// The CLI is compiled to dist/ by `npm run build` (run by `npm install` through `prepare`).
import { existsSync } from 'node:fs';
const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('wallrun: dist/ is missing; run `npm run build` (npm install runs it for you).');
  process.exit(2);
}
await import(entry.href);
