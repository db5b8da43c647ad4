import { describe, expect, it } from 'vitest';
import { dataNotes, reviewNotes, type ReviewCamera } from './render-notes.js';

const cam = (i: number, state = 'frozen', textured = false): ReviewCamera => ({
  tile: `cam-${i}`,
  url: `file:///wall/cam-${String(i).padStart(2, '0')}/index.m3u8`,
  state,
  textured,
});

describe('reviewNotes', () => {
  it('says once that the cameras have no stream, not one 404 per camera', () => {
    const cameras = Array.from({ length: 12 }, (_, i) => cam(i + 1));
    const http = cameras.flatMap((c) => [`HTTP 404 ${c.url}`, `HTTP 404 ${c.url}`]);
    expect(reviewNotes(http, cameras)).toEqual(['12 camera tiles have no stream in a review render (shown with their placeholder)']);
    expect(reviewNotes([], [cam(1)])).toEqual(['1 camera tile has no stream in a review render (shown with their placeholder)']);
  });

  it('names tiles waiting for a decoder and other failed requests', () => {
    const notes = reviewNotes(['HTTP 404 file:///wall/assets/map.svg', 'HTTP 404 file:///wall/assets/map.svg'], [cam(1, 'waiting'), cam(2, 'live', true)]);
    expect(notes).toEqual([
      "1 camera tile waits for a decoder, over their node's decoderBudget: cam-1",
      'HTTP 404 file:///wall/assets/map.svg',
    ]);
  });
});

describe('dataNotes', () => {
  it('says where the values come from, and names invented topics', () => {
    expect(dataNotes({ catalogue: ['a.b', 'c.d'], invented: [], snapshot: ['e.f'] }, 'd.json')).toEqual([
      "data: 1 topic from d.json, 2 topics with the demo's values (docs/topics.md)",
    ]);
    expect(dataNotes({ catalogue: [], invented: ['my.topic'], snapshot: [] }, undefined)).toEqual([
      'data: 1 topic invented',
      'nobody publishes my.topic in the demo: their values are invented within a range guessed from the tile; give them in --data',
    ]);
    expect(dataNotes(null, undefined)).toEqual([]);
  });
});
