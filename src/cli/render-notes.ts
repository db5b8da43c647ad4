/**
 * What a review render says about cameras and failed requests. A review render has no streams
 * (cameraBase is empty), so every camera tile shows its placeholder and every stream request
 * fails: that is expected and said once, not as one 404 per camera. Cameras waiting for a decoder
 * and other failed requests (a missing asset) are real findings and are named.
 */

/** What the note needs of one camera tile (the page's `wallrunCameras().tiles`). */
export interface ReviewCamera {
  tile: string;
  url: string;
  state: string;
  textured: boolean;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** What the page's demo feed published (`wallrunDebug.state().demo`, DemoFeedDebugState). */
export interface ReviewData {
  catalogue: string[];
  invented: string[];
  snapshot: string[];
}

/** Where the picture's values come from, in one or two lines. */
export function dataNotes(d: ReviewData | null, dataFile: string | undefined): string[] {
  if (!d) return [];
  const parts = [
    d.snapshot.length ? `${plural(d.snapshot.length, 'topic', 'topics')} from ${dataFile ?? 'the snapshot'}` : '',
    d.catalogue.length ? `${plural(d.catalogue.length, 'topic', 'topics')} with the demo's values (docs/topics.md)` : '',
    d.invented.length ? `${plural(d.invented.length, 'topic', 'topics')} invented` : '',
  ].filter((p) => p !== '');
  const notes = parts.length ? [`data: ${parts.join(', ')}`] : [];
  if (d.invented.length) {
    notes.push(`nobody publishes ${d.invented.join(', ')} in the demo: their values are invented within a range guessed from the tile; give them in --data`);
  }
  return notes;
}

/** The notes to print, in order; `httpErrors` are the window's "HTTP <status> <url>" lines. */
export function reviewNotes(httpErrors: readonly string[], cameras: readonly ReviewCamera[]): string[] {
  const notes: string[] = [];
  const noStream = cameras.filter((c) => !c.textured && c.state !== 'waiting' && c.state !== 'paused');
  if (noStream.length) {
    notes.push(`${plural(noStream.length, 'camera tile has', 'camera tiles have')} no stream in a review render (shown with their placeholder)`);
  }
  const waiting = cameras.filter((c) => c.state === 'waiting');
  if (waiting.length) {
    notes.push(
      `${plural(waiting.length, 'camera tile waits', 'camera tiles wait')} for a decoder, over their node's decoderBudget: ${waiting.map((c) => c.tile).join(', ')}`,
    );
  }
  const folders = cameras.map((c) => c.url.slice(0, c.url.lastIndexOf('/') + 1)).filter((f) => f !== '');
  const others = httpErrors.filter((line) => {
    const url = /^HTTP \d{3} (\S+)/.exec(line)?.[1];
    return url !== undefined && !folders.some((f) => url.startsWith(f));
  });
  for (const line of new Set(others)) notes.push(line);
  return notes;
}
