/**
 * `npm run schemas`: rewrites schemas/*.json from src/core/files/schemas and
 * schemas/protocol/*.schema.json from src/core/protocol/schemas (the one source of truth of each).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ALL_SCHEMAS, schemaJson } from '../core/files/schemas/index.js';
import { PROTOCOL_SCHEMAS, protocolSchemaJson, type ProtocolMessage } from '../core/protocol/schemas/index.js';

const dir = resolve(import.meta.dirname, '../../schemas');
for (const [name, schema] of Object.entries(ALL_SCHEMAS)) {
  writeFileSync(join(dir, name), schemaJson(schema));
  process.stdout.write(`wrote schemas/${name}\n`);
}
mkdirSync(join(dir, 'protocol'), { recursive: true });
for (const name of Object.keys(PROTOCOL_SCHEMAS) as ProtocolMessage[]) {
  writeFileSync(join(dir, 'protocol', `${name}.schema.json`), protocolSchemaJson(name));
  process.stdout.write(`wrote schemas/protocol/${name}.schema.json\n`);
}
