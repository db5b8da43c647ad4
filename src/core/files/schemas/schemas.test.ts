import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { CHART_KINDS, PRIORITIES, SEVERITIES, WIDGET_TYPES } from '../../wall/model.js';
import { ALL_SCHEMAS, LAYOUT_SCHEMA, schemaJson, type JsonSchema } from './index.js';

const dir = fileURLToPath(new URL('../../../../schemas/', import.meta.url));

// `WRITE_SCHEMAS=1 npx vitest run src/core/files/schemas` rewrites the committed files (npm run schemas does the same).
const write = process.env.WRITE_SCHEMAS === '1';

/**
 * Every object schema node in a tree, with its JSON pointer. An `if`/`then` fragment only adds to
 * the object schema beside it, so it is not an object schema of its own (what it holds is).
 */
function objectSchemas(node: unknown, at = '#', fragment = false): { at: string; schema: JsonSchema }[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => objectSchemas(n, `${at}/${i}`));
  if (node === null || typeof node !== 'object') return [];
  const schema = node as JsonSchema;
  const own = schema.properties !== undefined && !fragment ? [{ at, schema }] : [];
  return own.concat(
    Object.entries(schema).flatMap(([k, v]) => (k === 'if' ? [] : objectSchemas(v, `${at}/${k}`, k === 'then'))),
  );
}

describe('published JSON schemas', () => {
  for (const [name, schema] of Object.entries(ALL_SCHEMAS)) {
    it(`schemas/${name} matches src/core/files/schemas`, () => {
      if (write) writeFileSync(dir + name, schemaJson(schema));
      expect(readFileSync(dir + name, 'utf8')).toBe(schemaJson(schema));
    });

    it(`${name} compiles under strict ajv and closes every object`, () => {
      const ajv = new Ajv({ strict: true, strictTypes: false, strictRequired: false });
      ajv.addKeyword({ keyword: 'errorMessage', schemaType: 'string' });
      expect(() => ajv.compile(schema)).not.toThrow();
      for (const { at, schema: s } of objectSchemas(schema)) {
        expect(s.additionalProperties, `${at} must set additionalProperties: false`).toBe(false);
      }
    });

    it(`${name} describes every field for editors`, () => {
      for (const { at, schema: s } of objectSchemas(schema)) {
        for (const [key, field] of Object.entries(s.properties as Record<string, JsonSchema>)) {
          expect(field.description, `${at}/properties/${key}`).toEqual(expect.any(String));
        }
      }
    });
  }

  it('takes its enums from the model constants', () => {
    const text = JSON.stringify(LAYOUT_SCHEMA);
    for (const list of [WIDGET_TYPES, CHART_KINDS, SEVERITIES, PRIORITIES]) {
      expect(text).toContain(JSON.stringify([...list]));
    }
  });
});
