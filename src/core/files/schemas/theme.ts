/** JSON Schema of `themes/*.yaml` (see docs/formats.md). */
import { SEVERITIES } from '../../wall/model.js';
import { DRAFT_07, bilingual, color, id, text, type JsonSchema } from './common.js';

export const NPM_PACKAGE_PATTERN = '^(@[a-z0-9-~][a-z0-9-._~]*/)?[a-z0-9-~][a-z0-9-._~]*$';

const COLOR_ROLES = {
  background: 'Wall background (and behind bezels).',
  surface: 'Tile background.',
  text: 'Main text.',
  textMuted: 'Secondary text: units, captions, timestamps.',
  accent: 'Highlights: chart lines, selected items.',
  bezel: 'Drawn where a picture is hidden behind a bezel.',
  stale: 'Marks a tile whose data is too old.',
  tileBorder: 'Optional: a line around every tile, for themes whose tiles have the background colour (high contrast), so tiles stay apart.',
} as const;

/** Roles a theme may leave out. */
const OPTIONAL_ROLES = new Set(['tileBorder']);

function colorMap(description: string, roles: Record<string, string>): JsonSchema {
  const keys = Object.keys(roles);
  return {
    type: 'object',
    description,
    additionalProperties: false,
    required: keys.filter((k) => !OPTIONAL_ROLES.has(k)),
    properties: Object.fromEntries(keys.map((k) => [k, color(roles[k] ?? k)])),
  };
}

export const THEME_SCHEMA: JsonSchema = {
  $schema: DRAFT_07,
  title: 'wallrun theme',
  description: 'Colours and font of the wall.',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'font', 'colors', 'severity', 'staleOpacity'],
  properties: {
    id: id('Theme id, referenced by layouts and the wall.'),
    title: bilingual('Name in the operator console.'),
    font: {
      type: 'object',
      description: 'The font, bundled from an npm package (never fetched at run time); it must cover Vietnamese.',
      additionalProperties: false,
      required: ['family', 'package', 'weights'],
      properties: {
        family: text('CSS font family: "Be Vietnam Pro", the one the wall bundles.'),
        package: {
          type: 'string',
          description: 'npm package that ships the font; the wall bundles "@fontsource/be-vietnam-pro" from wallrun\'s own install.',
          pattern: NPM_PACKAGE_PATTERN,
          errorMessage: 'must be an npm package name such as "@fontsource/be-vietnam-pro"',
        },
        weights: {
          type: 'array',
          description: 'Weights to load: 400, 600 and 700 are bundled.',
          minItems: 1,
          uniqueItems: true,
          items: { type: 'integer', enum: [100, 200, 300, 400, 500, 600, 700, 800, 900], description: 'Font weight.' },
        },
      },
    },
    colors: colorMap('Colours of the wall, "#rrggbb".', COLOR_ROLES),
    severity: colorMap(
      'Colour of each alert severity, "#rrggbb".',
      Object.fromEntries(SEVERITIES.map((s) => [s, `Alerts of severity ${s}.`])),
    ),
    staleOpacity: { type: 'number', minimum: 0, maximum: 1, description: "Opacity of a stale tile's content (0 to 1)." },
  },
};
