/**
 * `wallrun render --data FILE`: a snapshot of values to show instead of the demo's, so a review
 * picture can show a given moment (last night's flood, a meeting's figures). The file is one JSON
 * object, topic → value, each value what the hub would publish on that topic (a number, a string,
 * or for a map an object of area id → number): `{"flood.water-level.song-ganh-hao": 1.12,
 * "flood.inundation.ca-mau.by-district": {"tp-ca-mau": 120, "u-minh": 40}}`. Checked as the hub
 * checks a publish (topic names, JSON values, limits); a problem names the topic.
 */
import type { JsonValue } from '../core/protocol/limits.js';
import { checkPublishRequest } from '../core/protocol/rest-validate.js';

export type RenderData = Record<string, JsonValue>;

/** The snapshot in `text` (read from `file`, named in errors), or every problem found. */
export function parseRenderData(text: string, file: string): { ok: true; data: RenderData } | { ok: false; errors: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`${file}: not JSON (${(e as Error).message})`] };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, errors: [`${file}: must be one JSON object of topic → value, e.g. {"flood.water-level.song-ganh-hao": 1.12}`] };
  }
  const entries = Object.entries(raw as Record<string, unknown>);
  const checked = checkPublishRequest({ updates: entries.map(([topic, value]) => ({ topic, value })) });
  if (!checked.ok) {
    const named = checked.errors.map((e) => e.replace(/updates\[(\d+)\](\.(topic|value))?/, (_m, i: string) => `"${entries[Number(i)]?.[0] ?? '?'}"`));
    return { ok: false, errors: named.map((e) => `${file}: ${e}`) };
  }
  return { ok: true, data: raw as RenderData };
}
