/** The hub's JSON settings files in its data directory (tokens.json, operators.json). */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * `<dataDir>/<name>` parsed as JSON and checked by `parse` (which names the file in its errors);
 * null when the file does not exist. Bad JSON is an error naming the file and the parser's reason.
 */
export function readDataFile<T>(dataDir: string, name: string, parse: (raw: unknown, file: string) => T): T | null {
  const file = path.join(dataDir, name);
  if (!existsSync(file)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
  return parse(raw, file);
}
