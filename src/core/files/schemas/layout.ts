/** JSON Schema of `layouts/*.yaml` (see docs/formats.md). Rules across fields live in checks.ts. */
import { PRIORITIES, WIDGET_TYPES } from '../../wall/model.js';
import {
  CELL_OR_RECT,
  DRAFT_07,
  bilingual,
  cell,
  enumOf,
  id,
  localized,
  rect,
  timeOfDay,
  topic,
  type JsonSchema,
} from './common.js';
import { WIDGET_PROPS } from './widget-props.js';

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** A key name with optional Ctrl+/Alt+/Shift+ prefixes, as Electron accelerators spell them. */
export const HOTKEY_PATTERN =
  '^((Ctrl|Alt|Shift)\\+){0,3}(F([1-9]|1[0-9]|2[0-4])|[A-Z0-9]|Space|Tab|Enter|Escape|Backspace|Delete|Insert|Home|End|PageUp|PageDown|Up|Down|Left|Right)$';

const freshness: JsonSchema = {
  type: 'object',
  description: "How old the tile's data may get before it shows as stale: { maxAgeS } or { dailyDeadline: \"HH:MM\" }.",
  additionalProperties: false,
  properties: {
    maxAgeS: { type: 'number', exclusiveMinimum: 0, description: 'Maximum age in seconds.' },
    dailyDeadline: timeOfDay('Local time by which a fresh value must arrive each day.'),
  },
  oneOf: [{ required: ['maxAgeS'] }, { required: ['dailyDeadline'] }],
  errorMessage: 'needs exactly one of "maxAgeS" or "dailyDeadline"',
};

/** `props` checked per widget type: if/then on `widget`, so a wrong prop is named, not "must match oneOf". */
const propsByWidget: JsonSchema[] = WIDGET_TYPES.map((widget) => ({
  if: { properties: { widget: { const: widget } }, required: ['widget'] },
  then: {
    ...(WIDGET_PROPS[widget].required ? { required: ['props'] } : {}),
    properties: { props: WIDGET_PROPS[widget] },
  },
}));

const tile: JsonSchema = {
  type: 'object',
  description: 'A widget placed on the wall.',
  additionalProperties: false,
  required: ['id', 'widget'],
  properties: {
    id: id('Tile id, unique in the layout.'),
    widget: enumOf(WIDGET_TYPES, 'Widget type.'),
    cell: cell("Placement in layout cells (wall cells × the layout's subdivision)."),
    rect: rect('Placement in wall pixels.'),
    z: { type: 'integer', default: 0, description: 'Stacking order, higher on top.' },
    title: localized('Title shown on the tile.'),
    topics: {
      type: 'array',
      description: 'Data topics the tile reads.',
      uniqueItems: true,
      default: [],
      items: topic('A data topic, e.g. "traffic.flow.ca-mau".'),
    },
    freshness,
    priority: enumOf(PRIORITIES, 'How much the tile matters when the wall must shed load.', { default: 'normal' }),
    props: { type: 'object', description: 'Widget-specific properties (see docs/formats.md).', default: {} },
  },
  ...CELL_OR_RECT,
  allOf: propsByWidget,
};

const screenList = (description: string): JsonSchema => ({
  type: 'array',
  description,
  minItems: 1,
  uniqueItems: true,
  items: id('Screen id from wall.yaml.'),
});

/** Degraded mode (src/core/wall/degraded.ts): which tiles leave dead screens, where they go, what they may cover. */
const degraded: JsonSchema = {
  type: 'object',
  description:
    'When screens die: tiles of minPriority or higher move to healthy screens (fallback rules first, else the nearest), hiding tiles of displace priority or lower there.',
  additionalProperties: false,
  properties: {
    minPriority: enumOf(PRIORITIES, 'Tiles of this priority or higher leave dead screens (default critical).', {
      default: 'critical',
    }),
    displace: enumOf(
      PRIORITIES.filter((p) => p !== 'critical'),
      'Tiles of this priority or lower may be hidden under a moved tile (default low); never a critical one.',
      { default: 'low' },
    ),
    fallback: {
      type: 'array',
      description: 'Rules tried in order: a tile on a dead `from` screen goes to the first usable `to` screen.',
      default: [],
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['from', 'to'],
        properties: {
          from: screenList('Screens whose tiles this rule moves when they die.'),
          to: screenList('Healthy screens to try, in order.'),
        },
      },
    },
  },
};

export const LAYOUT_SCHEMA: JsonSchema = {
  $schema: DRAFT_07,
  title: 'wallrun layout',
  description: 'Tiles placed on the wall, with the theme, hotkey and schedule that select them.',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'theme', 'tiles'],
  properties: {
    id: id('Layout id, unique across layouts.'),
    title: bilingual('Name in the operator console and the layout menu.'),
    theme: id('Id of the theme to use.'),
    hotkey: {
      type: 'string',
      description: 'Keyboard accelerator on the wall, e.g. "F2" or "Ctrl+3".',
      pattern: HOTKEY_PATTERN,
      errorMessage: 'must be a key such as "F2", "Ctrl+3" or "Ctrl+Shift+K" (prefixes Ctrl+, Alt+, Shift+)',
    },
    schedule: {
      type: 'array',
      description: 'Local times at which the wall switches to this layout by itself.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['at'],
        properties: {
          at: timeOfDay('Local time of the switch.'),
          days: {
            type: 'array',
            description: 'Days of the week (default: every day).',
            minItems: 1,
            uniqueItems: true,
            items: enumOf(DAYS, 'Day of the week.'),
          },
        },
      },
    },
    subdivision: {
      type: 'object',
      description: 'Each wall cell splits into columns × rows layout cells (default 1 × 1).',
      additionalProperties: false,
      required: ['columns', 'rows'],
      properties: {
        columns: { type: 'integer', minimum: 1, maximum: 12, description: 'Layout columns per wall cell.' },
        rows: { type: 'integer', minimum: 1, maximum: 12, description: 'Layout rows per wall cell.' },
      },
    },
    tiles: { type: 'array', description: 'The tiles of the layout.', items: tile },
    degraded,
  },
};
