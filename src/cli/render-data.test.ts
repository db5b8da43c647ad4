import { describe, expect, it } from 'vitest';
import { parseRenderData } from './render-data.js';

describe('parseRenderData', () => {
  it('takes an object of topic → value, maps included', () => {
    const text = JSON.stringify({ 'flood.water-level.song-ganh-hao': 1.12, 'flood.inundation.ca-mau.by-district': { 'tp-ca-mau': 120 } });
    expect(parseRenderData(text, 'd.json')).toEqual({ ok: true, data: JSON.parse(text) });
  });

  it('refuses what is not one JSON object, saying the format', () => {
    expect(parseRenderData('{', 'd.json')).toMatchObject({ ok: false, errors: [expect.stringMatching(/^d\.json: not JSON/)] });
    expect(parseRenderData('[1]', 'd.json')).toMatchObject({ ok: false, errors: [expect.stringMatching(/d\.json: must be one JSON object of topic → value/)] });
  });

  it('names the topic of a bad entry', () => {
    const r = parseRenderData(JSON.stringify({ 'ok.topic': 1, 'BAD TOPIC': 2 }), 'd.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join('\n')).toMatch(/d\.json: .*"BAD TOPIC"/);
  });
});
