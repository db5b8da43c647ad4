/** JSON Schema of `forecasts.yaml` (see docs/formats.md and docs/forecasts.md). */
import { DRAFT_07, type JsonSchema } from './common.js';

/** A duration as the file writes it: a number and a unit, `30m`, `1h`, `24h`, `7d`. */
export const DURATION_PATTERN = '^[1-9][0-9]{0,4}(m|h|d)$';

function duration(description: string): JsonSchema {
  return { type: 'string', description, pattern: DURATION_PATTERN, errorMessage: 'must be a duration: a whole number and m, h or d ("30m", "1h", "24h")' };
}

/** A topic, or a glob of one (`*` for one segment, `**` at the end for the rest). */
const TOPIC_GLOB = '^([a-z0-9_-]+|\\*)(\\.([a-z0-9_-]+|\\*|\\*\\*))*$';

const baselineEntry: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['topic'],
  properties: {
    topic: {
      type: 'string',
      description: 'The topic forecast (its numeric value, as charts read it).',
      maxLength: 128,
      pattern: '^[a-z0-9_-]+(\\.[a-z0-9_-]+){1,5}$',
      errorMessage: 'must be a topic name: 2 to 6 lowercase dotted segments such as "energy.load.total"',
    },
    method: { type: 'string', enum: ['holt-winters'], description: 'The method: additive Holt-Winters with one season (default).' },
    horizon: duration('How far ahead the forecast reaches (default 24h); also the back-test hold-out.'),
    every: duration('Resolution of the training series and how often the forecast is remade (default 1h).'),
    season: duration('The season (default 24h: daily).'),
    trainDays: { type: 'integer', minimum: 3, maximum: 60, description: 'Days of history kept to train on (default 14).' },
  },
};

export const FORECASTS_SCHEMA: JsonSchema = {
  $schema: DRAFT_07,
  title: 'wallrun forecasts',
  description: "The hub's baseline forecaster: which topics it forecasts, and which topics are hazards only a model may forecast.",
  type: 'object',
  additionalProperties: false,
  properties: {
    hazards: {
      type: 'array',
      description: 'Topics (or globs: "flood.water-level.*") the project marks as hazards: the baseline never forecasts them.',
      uniqueItems: true,
      items: { type: 'string', maxLength: 128, pattern: TOPIC_GLOB, errorMessage: 'must be a topic or a glob of one ("flood.water-level.*", "fire.**")' },
    },
    baseline: {
      type: 'array',
      description: 'Topics the hub forecasts itself (Holt-Winters), each back-tested before it is published.',
      maxItems: 50,
      items: baselineEntry,
    },
  },
};
