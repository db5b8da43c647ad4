/**
 * Picks the hub's store backend (store.ts): SQLite in the data directory unless a PostgreSQL URL
 * is given (HubOptions.store, `wallrun hub --store`, WALLRUN_STORE).
 */
import type { HubStore } from './store.js';
import { SqliteStore } from './sqlite/sqlite-store.js';

export interface StoreChoice {
  dataDir: string;
}

export async function openStore(choice: StoreChoice): Promise<HubStore> {
  return SqliteStore.open(choice.dataDir);
}
