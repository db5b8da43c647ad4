/**
 * JSON Schema fragments of the fields many protocol messages share: ids, topic names, times, text,
 * severities, sequence numbers, captions, camera sources. Pure data (draft-07), composed by the
 * message schemas (wall-events.ts, rest.ts) so a field is checked the same way whichever door it
 * comes in; compiled at build time (src/shell/build-validators.ts), never at run time.
 *
 * Two keywords of our own, which the build step teaches ajv (an integrator's validator may ignore them):
 * - `x-nfc: true`: the string is normalised to NFC before its length and pattern are checked, and
 *   the receiver uses the normalised text. Lengths count UTF-16 code units, after NFC.
 * - `x-messages`: the sentence an error of that keyword gives instead of the usual one.
 */
import { TOPIC_PATTERN } from '../../files/schemas/common.js';
import { SEVERITIES } from '../../wall/model.js';
import { LIMITS } from '../limits.js';

export type Schema = { [key: string]: unknown };

/** Control characters other than tab and newline (multi-line text), or any (one line). */
export const MULTILINE_TEXT = '^[^\\u0000-\\u0008\\u000B-\\u001F\\u007F\\u2028\\u2029]*$';
export const LINE_TEXT = '^[^\\u0000-\\u001F\\u007F\\u2028\\u2029]*$';
/** Ids made by integrations and walls: letters, digits and `._:-`, starting with a letter or digit. */
export const ID_SOURCE = '^[A-Za-z0-9][A-Za-z0-9._:-]*$';
export const ID = new RegExp(ID_SOURCE);
const LOWER_ID = '^[a-z0-9]+(-[a-z0-9]+)*$';
const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/**
 * Text of at most `max` UTF-16 units after NFC, at least `min` (default 1). Without a pattern it
 * may hold no control characters (tab and newline allowed where `multiline`); a pattern says
 * exactly which characters it may hold.
 */
export function text(max: number, o: { pattern?: string; multiline?: boolean; min?: number; description?: string } = {}): Schema {
  return {
    type: 'string',
    ...(o.description ? { description: o.description } : {}),
    'x-nfc': true,
    minLength: o.min ?? 1,
    maxLength: max,
    pattern: o.pattern ?? (o.multiline ? MULTILINE_TEXT : LINE_TEXT),
  };
}

export function number(minimum: number, maximum: number, integer = false): Schema {
  return { type: integer ? 'integer' : 'number', minimum, maximum };
}

export const nullable = (s: Schema): Schema => ({ ...s, type: [s.type, 'null'] });
export const oneOf = (values: readonly (string | number)[]): Schema => ({ enum: [...values] });
export const array = (items: Schema, maxItems: number, minItems = 0): Schema => ({
  type: 'array',
  items,
  ...(minItems ? { minItems } : {}),
  maxItems,
});

/**
 * An object with exactly these fields: `required` lists the mandatory ones, any other is refused
 * (`additionalProperties: false`; known and present mean own properties, so a field named after a
 * built-in member such as `constructor` or `__proto__` is unknown like any other).
 */
export function object(properties: Record<string, Schema>, optional: readonly string[] = []): Schema {
  return {
    type: 'object',
    properties,
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
    additionalProperties: false,
  };
}

/**
 * Any JSON value. Its caps (nesting < LIMITS.valueDepth, at most LIMITS.valueNodes nodes, strings
 * and keys ≤ LIMITS.valueString, no `__proto__` key, plain data only) are checked after the schema
 * by json-value.ts, which each message names (schema-check.ts): a node count is beyond JSON Schema,
 * and one walk gives one error naming the value rather than one per level.
 */
export const jsonValue: Schema = {
  description: `any JSON value: nesting < ${LIMITS.valueDepth}, at most ${LIMITS.valueNodes} nodes, strings and keys of at most ${LIMITS.valueString} characters, no "__proto__" key`,
};

/** Any instant from 2000 to 2200, in ms. */
export const time = number(946_684_800_000, 7_258_118_400_000);
export const topicName = text(LIMITS.topic, { pattern: TOPIC_PATTERN });
export const id = text(LIMITS.id, { pattern: ID_SOURCE });
export const uuid = text(36, { pattern: UUID });
/** An IOC sector's lowercase id (`flood`, `traffic`). */
export const sector = text(LIMITS.name, { pattern: LOWER_ID });
/** Operator names, area, source: one line of plain text. */
export const name = text(LIMITS.name);
export const title = text(LIMITS.title);
/** Several lines of plain text, possibly empty. */
export const message = text(LIMITS.message, { multiline: true, min: 0 });
/** Several lines of text, not empty (reasons, details). */
export const detail = text(LIMITS.message, { multiline: true });
export const severity = oneOf(SEVERITIES);
/** A batch sequence number. */
export const seq = number(0, Number.MAX_SAFE_INTEGER, true);
export const count = number(0, Number.MAX_SAFE_INTEGER, true);
/** A caption in Vietnamese, optionally English. */
export const wireLabel = object({ vi: title, en: title }, ['en']);
export const cameraSource = text(LIMITS.cameraSource);
export const boolean: Schema = { type: 'boolean' };
