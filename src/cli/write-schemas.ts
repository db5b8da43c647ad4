/** `npm run schemas`: rewrites schemas/*.json from src/core/files/schemas (the one source of truth). */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ALL_SCHEMAS, schemaJson } from '../core/files/schemas/index.js';

const dir = resolve(import.meta.dirname, '../../schemas');
for (const [name, schema] of Object.entries(ALL_SCHEMAS)) {
  writeFileSync(join(dir, name), schemaJson(schema));
  process.stdout.write(`wrote schemas/${name}\n`);
}
