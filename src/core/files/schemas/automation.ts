/** JSON Schema of `automation.yaml` (see docs/formats.md and docs/automation.md). */
import { SEVERITIES } from '../../wall/model.js';
import { DRAFT_07, enumOf, id, text, TIME_PATTERN, type JsonSchema } from './common.js';
import { DAYS } from './layout.js';

function clockTime(description: string): JsonSchema {
  return { type: 'string', description, pattern: TIME_PATTERN, errorMessage: 'must be a time that exists, "HH:MM" from 00:00 to 23:59' };
}

function localDate(description: string): JsonSchema {
  return { type: 'string', description, pattern: '^\\d{4}-\\d{2}-\\d{2}$', errorMessage: 'must be a date "YYYY-MM-DD"' };
}

const days: JsonSchema = {
  type: 'array',
  description: 'Days of the week (default: every day).',
  minItems: 1,
  uniqueItems: true,
  items: enumOf(DAYS, 'Day of the week.'),
};

/** What a switch shows: `layout` (an id of layouts/) or `preset` (a console preset of the hub), exactly one. */
const TARGET_PROPERTIES: JsonSchema = {
  layout: id('Layout to switch the wall to.'),
  preset: id("Preset to activate (the hub's presets, saved from the console)."),
};
const ONE_TARGET: JsonSchema = {
  oneOf: [{ required: ['layout'] }, { required: ['preset'] }],
  errorMessage: 'needs exactly one of "layout" or "preset"',
};

function stringList(description: string, items: JsonSchema = { type: 'string', minLength: 1 }): JsonSchema {
  return { type: 'array', description, minItems: 1, uniqueItems: true, items };
}

const scheduleEntry: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'at'],
  properties: {
    id: id('Entry id, unique in the file: the audit names it (via).'),
    ...TARGET_PROPERTIES,
    at: clockTime("Local time of the switch, in wall.yaml's timezone."),
    days,
    from: localDate('First local date the entry runs (inclusive).'),
    until: localDate('Last local date the entry runs (inclusive).'),
    on: localDate('A one-off entry: this local date only (no days, from or until with it).'),
  },
  ...ONE_TARGET,
};

const rotation: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'from', 'to', 'items'],
  properties: {
    id: id('Rotation id, unique in the file: the audit names it (via).'),
    days: { ...days, description: 'Days on which its hours begin (default: every day).' },
    from: clockTime('Local time its hours begin.'),
    to: clockTime('Local time its hours end (at or before `from`: the next day).'),
    items: {
      type: 'array',
      description: 'Shown in turn, each for its duration, counted from the start of the hours.',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['durationS'],
        properties: {
          ...TARGET_PROPERTIES,
          durationS: { type: 'integer', minimum: 5, maximum: 86_400, description: 'How long this item shows, in seconds (at least 5).' },
        },
        ...ONE_TARGET,
      },
    },
  },
};

const rule: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'match', 'mode'],
  properties: {
    id: id('Rule id, unique in the file: the audit names it (via).'),
    priority: { type: 'integer', minimum: -1000, maximum: 1000, description: 'Higher wins between rules in force at once (default 0; ties: file order).' },
    match: {
      type: 'object',
      description: 'Every listed field must match the alert (a list: any of its values); an absent field matches all.',
      additionalProperties: false,
      properties: {
        severity: stringList('Alert severities.', enumOf(SEVERITIES, 'Alert severity.')),
        sector: stringList('Alert sectors (the alert\'s `sector`).'),
        area: stringList('Alert areas (the alert\'s `area`).'),
        source: stringList('Alert sources (the alert\'s `source`, e.g. "cap").'),
      },
    },
    ...TARGET_PROPERTIES,
    mode: enumOf(['auto', 'confirm'], '`auto` switches at once; `confirm` asks an operator on the console and the wall.'),
    confirmTimeoutS: { type: 'integer', minimum: 10, maximum: 3600, description: 'confirm: the prompt is dropped after this long (default 120).' },
    returnOn: enumOf(['ack', 'clear'], 'What returns the wall: the alert acknowledged or cleared (default ack).'),
  },
  ...ONE_TARGET,
};

const feed: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'url', 'senders'],
  properties: {
    id: id('Feed id, unique in the file.'),
    url: text('Atom or RSS feed of CAP 1.2 messages.', { pattern: '^https?://', maxLength: 2048, errorMessage: 'must be an http:// or https:// URL' }),
    intervalS: { type: 'integer', minimum: 10, maximum: 86_400, description: 'Poll interval in seconds (default 60).' },
    senders: stringList('CAP `sender`s taken from this feed; a message from another is refused and logged.'),
  },
};

export const AUTOMATION_SCHEMA: JsonSchema = {
  $schema: DRAFT_07,
  title: 'wallrun automation',
  description: 'What switches the wall by itself: schedule entries, rotations, the operator hold, alert takeover rules and CAP 1.2 feeds (docs/automation.md).',
  type: 'object',
  additionalProperties: false,
  properties: {
    holdMinutes: {
      description: "An operator's manual switch holds this many minutes before schedules resume (default 30); null: until released.",
      anyOf: [{ type: 'integer', minimum: 1, maximum: 10_080 }, { type: 'null' }],
      errorMessage: 'must be a whole number of minutes from 1 to 10080, or null (until released)',
    },
    schedule: { type: 'array', description: 'Entries that switch the wall at a local time.', items: scheduleEntry },
    rotations: { type: 'array', description: 'Playlists for idle hours.', items: rotation },
    takeover: {
      type: 'object',
      description: 'Alert-driven takeover.',
      additionalProperties: false,
      properties: {
        minIntervalS: { type: 'integer', minimum: 0, maximum: 3600, description: 'At most one takeover switch per this many seconds (default 60).' },
        rules: { type: 'array', description: 'Rules matched against each alert raised or updated.', items: rule },
      },
    },
    cap: {
      type: 'object',
      description: 'CAP 1.2 warnings in.',
      additionalProperties: false,
      properties: {
        maxBodyBytes: { type: 'integer', minimum: 1024, maximum: 10_485_760, description: 'POST /api/cap bodies over this are refused with 413 (default 262144).' },
        senders: { type: 'array', uniqueItems: true, items: { type: 'string', minLength: 1 }, description: 'Senders POST /api/cap accepts (empty or absent: any).' },
        feeds: { type: 'array', description: 'Feeds the hub polls.', items: feed },
      },
    },
  },
};
