/**
 * Picks the hub's store backend (store.ts): SQLite in the data directory, unless HubOptions.store
 * (`wallrun hub --store`, WALLRUN_STORE) is a PostgreSQL URL. A bad URL or a server that cannot be
 * used throws a clear error naming it, never with its password.
 */
import type { BeforeWrite } from './postgres/pg-db.js';
import { PostgresStore } from './postgres/postgres-store.js';
import { checkPostgresUrl } from './postgres/pg-url.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { HubStore } from './store.js';

export interface StoreChoice {
  dataDir: string;
  /** A postgres:// URL; absent: SQLite in dataDir. */
  store?: string | undefined;
  storeBeforeWrite?: BeforeWrite | undefined;
}

export async function openStore(choice: StoreChoice, log: (message: string) => void = () => undefined): Promise<HubStore> {
  if (choice.store === undefined || choice.store === '') return SqliteStore.open(choice.dataDir);
  checkPostgresUrl(choice.store);
  return PostgresStore.open({ url: choice.store, log, ...(choice.storeBeforeWrite ? { beforeWrite: choice.storeBeforeWrite } : {}) });
}
