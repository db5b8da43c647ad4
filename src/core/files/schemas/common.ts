/**
 * Schema fragments shared by the wall, layout and theme schemas (JSON Schema draft-07, which both
 * ajv and the YAML language server in editors handle well).
 *
 * `errorMessage` (the keyword ajv-errors and the YAML language server understand) gives the
 * sentence shown when a pattern, a length or a choice between forms (anyOf/oneOf/not) fails.
 */

export type JsonSchema = { [key: string]: unknown };

export const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

export const ID_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';
const SEGMENT = '[a-z0-9]+(-[a-z0-9]+)*';
/** 2 to 6 lowercase dotted segments (length is capped separately at 128). */
export const TOPIC_PATTERN = `^${SEGMENT}(\\.${SEGMENT}){1,5}$`;
export const COLOR_PATTERN = '^#[0-9a-fA-F]{6}$';
export const TIME_PATTERN = '^([01][0-9]|2[0-3]):[0-5][0-9]$';
/** A relative path inside `assets/`: no leading slash, no `..`, no URL scheme, forward slashes. */
export const ASSET_PATH_PATTERN = '^(?![a-zA-Z][a-zA-Z0-9+.-]*:)(?!/)(?!.*(^|/)\\.\\.(/|$))[^\\\\]+$';

export function id(description: string): JsonSchema {
  return {
    type: 'string',
    description,
    pattern: ID_PATTERN,
    errorMessage: 'must be a lowercase id such as "node-1" (a-z, 0-9, single hyphens between)',
  };
}

export function text(description: string, extra: JsonSchema = {}): JsonSchema {
  return { type: 'string', minLength: 1, description, errorMessage: 'must not be empty', ...extra };
}

export function localized(description: string): JsonSchema {
  return {
    description: `${description} A string, or { vi, en } (en optional).`,
    anyOf: [
      { type: 'string', minLength: 1 },
      {
        type: 'object',
        additionalProperties: false,
        required: ['vi'],
        properties: {
          vi: { type: 'string', minLength: 1, description: 'Vietnamese text.' },
          en: { type: 'string', minLength: 1, description: 'English text.' },
        },
      },
    ],
    errorMessage: 'must be text, or { vi: "…", en: "…" }',
  };
}

/** Both languages required: titles of layouts and themes appear in the operator console's menus. */
export function bilingual(description: string): JsonSchema {
  return {
    type: 'object',
    description,
    additionalProperties: false,
    required: ['vi', 'en'],
    properties: {
      vi: { type: 'string', minLength: 1, description: 'Vietnamese text.' },
      en: { type: 'string', minLength: 1, description: 'English text.' },
    },
  };
}

function integer(description: string, minimum: number, extra: JsonSchema = {}): JsonSchema {
  return { type: 'integer', minimum, description, ...extra };
}

export function pixelSize(description: string): JsonSchema {
  return {
    type: 'object',
    description,
    additionalProperties: false,
    required: ['width', 'height'],
    properties: {
      width: integer('Width in pixels.', 1),
      height: integer('Height in pixels.', 1),
    },
  };
}

export function mmSize(description: string): JsonSchema {
  return {
    type: 'object',
    description,
    additionalProperties: false,
    required: ['width', 'height'],
    properties: {
      width: { type: 'number', exclusiveMinimum: 0, description: 'Width in millimetres.' },
      height: { type: 'number', exclusiveMinimum: 0, description: 'Height in millimetres.' },
    },
  };
}

export function rect(description: string): JsonSchema {
  return {
    type: 'object',
    description,
    additionalProperties: false,
    required: ['x', 'y', 'width', 'height'],
    properties: {
      x: { type: 'integer', description: 'Left edge in wall pixels.' },
      y: { type: 'integer', description: 'Top edge in wall pixels.' },
      width: integer('Width in wall pixels.', 1),
      height: integer('Height in wall pixels.', 1),
    },
  };
}

export function cell(description: string): JsonSchema {
  return {
    type: 'object',
    description,
    additionalProperties: false,
    required: ['col', 'row'],
    properties: {
      col: integer('Column, counted from 0 at the left.', 0),
      row: integer('Row, counted from 0 at the top.', 0),
      colSpan: integer('Number of columns covered.', 1, { default: 1 }),
      rowSpan: integer('Number of rows covered.', 1, { default: 1 }),
    },
  };
}

/** Per-edge bezel widths, or one number for all four edges. */
export function edges(description: string): JsonSchema {
  const edge = (name: string) => ({ type: 'number', minimum: 0, description: `${name} bezel in millimetres.` });
  return {
    description: `${description} One number for all edges, or { top, right, bottom, left }.`,
    anyOf: [
      { type: 'number', minimum: 0 },
      {
        type: 'object',
        additionalProperties: false,
        required: ['top', 'right', 'bottom', 'left'],
        properties: { top: edge('Top'), right: edge('Right'), bottom: edge('Bottom'), left: edge('Left') },
      },
    ],
    errorMessage: 'must be a width in millimetres, or { top, right, bottom, left }',
  };
}

/** `cell` or `rect`, exactly one (added to an object schema with both properties). */
export const CELL_OR_RECT: JsonSchema = {
  oneOf: [{ required: ['cell'] }, { required: ['rect'] }],
  errorMessage: 'needs exactly one of "cell" or "rect"',
};

export function topic(description: string): JsonSchema {
  return {
    type: 'string',
    description,
    maxLength: 128,
    pattern: TOPIC_PATTERN,
    errorMessage:
      'must be a topic name: 2 to 6 lowercase dotted segments such as "traffic.flow.ca-mau", at most 128 characters',
  };
}

export function color(description: string): JsonSchema {
  return { type: 'string', description, pattern: COLOR_PATTERN, errorMessage: 'must be a colour "#rrggbb"' };
}

export function timeOfDay(description: string): JsonSchema {
  return { type: 'string', description, pattern: TIME_PATTERN, errorMessage: 'must be a time "HH:MM" (24 h)' };
}

export function assetPath(description: string): JsonSchema {
  return {
    type: 'string',
    minLength: 1,
    description,
    pattern: ASSET_PATH_PATTERN,
    errorMessage: 'must be a relative path inside assets/ (no leading "/", no "..", no URL)',
  };
}

export function enumOf(values: readonly (string | number)[], description: string, extra: JsonSchema = {}): JsonSchema {
  const type = values.every((v) => typeof v === 'number') ? 'integer' : 'string';
  return { type, enum: [...values], description, ...extra };
}
