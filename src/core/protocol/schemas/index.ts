/**
 * Every message of the hub protocol and its JSON Schema, by name: the one source of truth that the
 * build compiles into validators (src/shell/build-validators.ts → generated/validators.ts), that
 * `npm run schemas` writes to schemas/protocol/<name>.schema.json, and that docs/protocol.md names.
 */
import type { Schema } from './fields.js';
import { REST } from './rest.js';
import { HUB_TO_WALL, WALL_TO_HUB } from './wall-events.js';

export type { Schema } from './fields.js';

export const PROTOCOL_SCHEMAS = { ...HUB_TO_WALL, ...WALL_TO_HUB, ...REST } satisfies Record<string, Schema>;
export type ProtocolMessage = keyof typeof PROTOCOL_SCHEMAS;

/** The keywords of our own the schemas use (fields.ts): annotations to an outside validator. */
export const PROTOCOL_KEYWORDS = ['x-nfc', 'x-messages'] as const;

/** The schema of one message as a standalone JSON Schema file. */
export function protocolSchemaJson(name: ProtocolMessage): string {
  const file = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: `wallrun protocol: ${name}`,
    ...PROTOCOL_SCHEMAS[name],
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
