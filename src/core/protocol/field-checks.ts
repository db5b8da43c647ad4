/**
 * Checkers of the fields many protocol payloads share: ids, topic names, times, names and text,
 * severities, sequence numbers, captions and camera sources. Below the payload validators
 * (protocol-validate.ts for `/wall`, rest-validate.ts for REST bodies, thumbnail.ts) so they all
 * check a field the same way.
 */
import { SEVERITIES, type Severity } from '../wall/model.js';
import { TOPIC_PATTERN } from '../files/schemas/common.js';
import { num, obj, oneOf, opt, str } from './json-checks.js';
import { LIMITS } from './limits.js';
import type { WireLabel } from './layout-commands.js';

const TOPIC = new RegExp(TOPIC_PATTERN);
/** Ids made by integrations and walls: letters, digits and `._:-`, starting with a letter or digit. */
export const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const LOWER_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Any instant from 2000 to 2200, in ms. */
export const time = num(946_684_800_000, 7_258_118_400_000);

export const topicName = str(LIMITS.topic, { pattern: TOPIC });
export const id = str(LIMITS.id, { pattern: ID });
export const uuid = str(36, { pattern: UUID });
/** An IOC sector's lowercase id (`flood`, `traffic`). */
export const sector = str(LIMITS.name, { pattern: LOWER_ID });
/** Operator names, area, source: one line of plain text. */
export const name = str(LIMITS.name);
export const title = str(LIMITS.title);
/** Several lines of plain text, possibly empty. */
export const message = str(LIMITS.message, { multiline: true, min: 0 });
export const severity = oneOf<Severity>(SEVERITIES);
/** A batch sequence number. */
export const seq = num(0, Number.MAX_SAFE_INTEGER, true);
/** A caption in Vietnamese, optionally English. */
export const wireLabel = obj<WireLabel>({ vi: title, en: opt(title) });
export const cameraSource = str(LIMITS.cameraSource);
