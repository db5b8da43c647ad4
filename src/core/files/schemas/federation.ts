/** JSON Schema of `federation.yaml` (docs/federation.md): which role this hub plays and over which nats-server. */
import { DRAFT_07, id, text, type JsonSchema } from './common.js';

const GLOB_SEGMENT = '([a-z0-9]+(-[a-z0-9]+)*|\\*)';
/** A topic glob: lowercase dotted segments or `*` (one segment), optionally ending in `.**` (any further). */
export const TOPIC_GLOB_PATTERN = `^${GLOB_SEGMENT}(\\.${GLOB_SEGMENT}){0,4}(\\.\\*\\*)?$`;
/** `48h`, `90m`, `7d`, `3600s`. */
export const DURATION_PATTERN = '^[1-9][0-9]*(s|m|h|d)$';

export const FEDERATION_SCHEMA: JsonSchema = {
  $schema: DRAFT_07,
  title: 'wallrun federation',
  description: 'A sub-centre hub forwards to its province over NATS JetStream; a province hub applies what its sub-centres forwarded.',
  type: 'object',
  additionalProperties: false,
  required: ['role', 'id', 'nats'],
  properties: {
    role: { enum: ['sub-centre', 'province'], description: 'What this hub is.', errorMessage: 'must be "sub-centre" or "province"' },
    id: id("This centre's id: a sub-centre's is its topics' prefix at the province and its JetStream domain sub-<id>."),
    nats: text('This hub\'s own nats-server, nats://host:port (no user or password here: the data directory or the environment holds them).', {
      pattern: '^(nats|tls)://[^/?#@]+$',
      maxLength: 512,
      errorMessage: 'must be nats://host:port or tls://host:port, without a user or password',
    }),
    forward: {
      type: 'object',
      description: 'Sub-centre: what it forwards.',
      additionalProperties: false,
      required: ['topics'],
      properties: {
        topics: {
          type: 'array',
          maxItems: 200,
          description: 'Topic globs: `*` one segment, a final `**` any further segments (e.g. flood.**). Topics of 6 segments are not forwarded (the province adds one).',
          items: { type: 'string', pattern: TOPIC_GLOB_PATTERN, errorMessage: 'must be a topic glob such as "flood.**" or "traffic.flow.*"' },
        },
        alerts: { type: 'boolean', description: 'Forward alert changes (raised, updated, acknowledged, cleared); default true.' },
      },
    },
    subCentres: {
      type: 'array',
      maxItems: 500,
      uniqueItems: true,
      description: 'Province: the ids of the sub-centres whose streams it sources.',
      items: id('A sub-centre id.'),
    },
    retention: {
      type: 'object',
      description: 'How much a stream keeps (default 17 280 000 messages, 48h: 48 h at 100 messages/s).',
      additionalProperties: false,
      properties: {
        maxMessages: { type: 'integer', minimum: 1000, maximum: 1_000_000_000, description: 'Messages at most; the oldest go first.' },
        maxAge: { type: 'string', pattern: DURATION_PATTERN, description: 'How long: 48h, 90m, 7d.', errorMessage: 'must be a duration such as "48h", "90m" or "7d"' },
      },
    },
  },
};
