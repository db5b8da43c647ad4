/** An AckStorage kept in a JSON file, as a wall's localStorage survives a reload or a restart. */
import { existsSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import type { AckStorage } from '../../src/renderer/net/ack-queue.js';

export function fileStorage(file: string): AckStorage & { read(): Record<string, string> } {
  const read = (): Record<string, string> => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {});
  return {
    read,
    getItem: (key) => read()[key] ?? null,
    setItem: (key, value) => {
      const all = read();
      all[key] = value;
      writeFileSync(`${file}.tmp`, JSON.stringify(all));
      renameSync(`${file}.tmp`, file);
    },
  };
}
