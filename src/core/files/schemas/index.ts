/** Every published schema, by file name under `schemas/`; `npm run schemas` writes them with schemaJson(). */
import type { JsonSchema } from './common.js';
import { AUTOMATION_SCHEMA } from './automation.js';
import { CAMERAS_SCHEMA } from './cameras.js';
import { FEDERATION_SCHEMA } from './federation.js';
import { FORECASTS_SCHEMA } from './forecasts.js';
import { LAYOUT_SCHEMA } from './layout.js';
import { THEME_SCHEMA } from './theme.js';
import { WALL_SCHEMA } from './wall.js';

export type { JsonSchema } from './common.js';
export { AUTOMATION_SCHEMA, CAMERAS_SCHEMA, FEDERATION_SCHEMA, FORECASTS_SCHEMA, LAYOUT_SCHEMA, THEME_SCHEMA, WALL_SCHEMA };

export const ALL_SCHEMAS: Readonly<Record<string, JsonSchema>> = {
  'wall.schema.json': WALL_SCHEMA,
  'layout.schema.json': LAYOUT_SCHEMA,
  'theme.schema.json': THEME_SCHEMA,
  'cameras.schema.json': CAMERAS_SCHEMA,
  'automation.schema.json': AUTOMATION_SCHEMA,
  'federation.schema.json': FEDERATION_SCHEMA,
  'forecasts.schema.json': FORECASTS_SCHEMA,
};

/** The exact text of a schema file: two-space JSON and a final newline. */
export function schemaJson(schema: JsonSchema): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
