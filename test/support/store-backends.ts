/**
 * The hub's store backends for the one store suite (src/hub/storage/store.test.ts): each gives a
 * fresh place per test (a temporary data directory, or a new database on the file's own PostgreSQL
 * cluster) where a store can be opened, closed and opened again (a hub restart).
 */
import type { HubStore } from '../../src/hub/storage/store.js';
import { SqliteStore } from '../../src/hub/storage/sqlite/sqlite-store.js';
import { PostgresStore } from '../../src/hub/storage/postgres/postgres-store.js';
import type { PostgresStoreOptions } from '../../src/hub/storage/postgres/postgres-store.js';
import { tempDir } from './hub-fixtures.js';
import { startPostgres, type PostgresCluster } from './postgres-cluster.js';

export type BackendName = 'sqlite' | 'postgres';

export interface StorePlace {
  /** Where the store lives: the data directory, or the database URL. */
  readonly where: string;
  open(): Promise<HubStore>;
}

export interface StoreBackend {
  readonly name: BackendName;
  place(options?: Omit<PostgresStoreOptions, 'url'>): Promise<StorePlace>;
  /** The PostgreSQL cluster (null for SQLite). */
  readonly cluster: PostgresCluster | null;
  cleanup(): Promise<void>;
}

export function sqliteBackend(): StoreBackend {
  const dirs: { remove(): void }[] = [];
  return {
    name: 'sqlite',
    cluster: null,
    place: async () => {
      const tmp = tempDir();
      dirs.push(tmp);
      return { where: tmp.dir, open: async () => SqliteStore.open(tmp.dir) };
    },
    cleanup: async () => {
      for (const d of dirs.splice(0)) d.remove();
    },
  };
}

export async function postgresBackend(): Promise<StoreBackend> {
  const cluster = await startPostgres();
  return {
    name: 'postgres',
    cluster,
    place: async (options = {}) => {
      const url = cluster.database('store');
      return { where: url, open: () => PostgresStore.open({ ...options, url }) };
    },
    cleanup: () => cluster.cleanup(),
  };
}

export const startBackend = (name: BackendName): Promise<StoreBackend> => (name === 'sqlite' ? Promise.resolve(sqliteBackend()) : postgresBackend());
