// The protocol's message schemas: published as committed files, valid under strict ajv, every object
// closed, and each one named by docs/protocol.md (the contract an integrator reads).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { PROTOCOL_KEYWORDS, PROTOCOL_SCHEMAS, protocolSchemaJson, type ProtocolMessage } from './index.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const dir = `${ROOT}schemas/protocol/`;
const names = Object.keys(PROTOCOL_SCHEMAS) as ProtocolMessage[];
// `WRITE_SCHEMAS=1 npx vitest run src/core/protocol/schemas` rewrites the committed files (npm run schemas does the same).
const write = process.env.WRITE_SCHEMAS === '1';

/** Every schema node of a tree that lists properties, with its JSON pointer. */
function objectSchemas(node: unknown, at = '#'): { at: string; schema: Record<string, unknown> }[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => objectSchemas(n, `${at}/${i}`));
  if (node === null || typeof node !== 'object') return [];
  const schema = node as Record<string, unknown>;
  const own = schema.properties !== undefined && at !== '#/if' ? [{ at, schema }] : [];
  return own.concat(Object.entries(schema).flatMap(([k, v]) => objectSchemas(v, `${at}/${k}`)));
}

describe('protocol message schemas', () => {
  it('are the files in schemas/protocol, one per message, and no other', () => {
    expect(readdirSync(dir).sort()).toEqual(names.map((n) => `${n}.schema.json`).sort());
  });

  for (const name of names) {
    it(`${name}: schemas/protocol/${name}.schema.json matches src/core/protocol/schemas, compiles strictly, closes every object`, () => {
      if (write) writeFileSync(`${dir}${name}.schema.json`, protocolSchemaJson(name));
      expect(readFileSync(`${dir}${name}.schema.json`, 'utf8')).toBe(protocolSchemaJson(name));
      const ajv = new Ajv({ strict: true, strictTypes: false, strictRequired: false });
      for (const keyword of PROTOCOL_KEYWORDS) ajv.addKeyword({ keyword });
      expect(() => ajv.compile(JSON.parse(protocolSchemaJson(name)) as object)).not.toThrow();
      for (const { at, schema } of objectSchemas(PROTOCOL_SCHEMAS[name])) {
        expect(schema.additionalProperties, `${name} ${at} must set additionalProperties: false`).toBe(false);
      }
    });
  }

  it('are each named by docs/protocol.md', () => {
    const doc = readFileSync(`${ROOT}docs/protocol.md`, 'utf8');
    expect(names.filter((n) => !doc.includes(`schemas/protocol/${n}.schema.json`))).toEqual([]);
  });
});
