/**
 * What a failed write to the hub's store means for whoever asked: the backend's error turned into
 * the REST answer the hub gives (docs/reliability.md "Fault suite", docs/errors.md). Either way the
 * change was not stored and nothing stored before is touched: the transaction was rolled back.
 *
 * SQLite (hub.sqlite): another process holding a lock on the file → 503 storage-busy (try again);
 * a full disk, a file-size limit or an I/O error → 507 storage-full.
 * PostgreSQL: the server unreachable, refusing or shutting down (SQLSTATE class 08, 57P01..03, a
 * connection refused, reset or timed out), or this hub refused the write before it began (the
 * leadership fence: StorageUnavailable) → 503 storage-unavailable; the server's disk full (53100)
 * → 507 storage-full.
 */

export interface StorageFault {
  status: 503 | 507;
  code: 'storage-busy' | 'storage-full' | 'storage-unavailable';
  message: string;
  /** Seconds a client should wait before it tries again (the Retry-After header). */
  retryAfterS: number;
}

/**
 * The store cannot take writes now, for a reason the PostgreSQL backend names (the server cannot be
 * reached, or this hub may not write: postgres/pg-db.ts). Its message never holds the password.
 */
export class StorageUnavailable extends Error {
  public override readonly name = 'StorageUnavailable';
}

const sqliteCode = (e: unknown): string | null => {
  if (!(e instanceof Error) || e.name !== 'SqliteError') return null;
  const code = (e as Error & { code?: unknown }).code;
  return typeof code === 'string' ? code : null;
};

/** A PostgreSQL server error's SQLSTATE (pg's DatabaseError carries `severity` and a five-character `code`). */
const sqlState = (e: unknown): string | null => {
  if (!(e instanceof Error)) return null;
  const { code, severity } = e as Error & { code?: unknown; severity?: unknown };
  return typeof code === 'string' && typeof severity === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
};

const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03']);

function sqliteFault(code: string): StorageFault | null {
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return {
      status: 503,
      code: 'storage-busy',
      message: `the hub's database (hub.sqlite) is locked by another process (${code}); the change was not stored: try again`,
      retryAfterS: 5,
    };
  }
  if (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR')) {
    return {
      status: 507,
      code: 'storage-full',
      message: `the hub cannot write its database (hub.sqlite): the disk is full, a file-size limit was reached or the disk failed (${code}); the change was not stored`,
      retryAfterS: 30,
    };
  }
  return null;
}

function postgresFault(state: string, detail: string): StorageFault | null {
  if (state.startsWith('08') || UNAVAILABLE_STATES.has(state)) return unavailable(`${detail} (SQLSTATE ${state})`);
  if (state === '53100') {
    return {
      status: 507,
      code: 'storage-full',
      message: `the hub cannot write its PostgreSQL database: the server's disk is full (SQLSTATE 53100); the change was not stored`,
      retryAfterS: 30,
    };
  }
  return null;
}

const unavailable = (why: string): StorageFault => ({
  status: 503,
  code: 'storage-unavailable',
  message: `the hub's PostgreSQL store cannot take the change now: ${why}; the change was not stored: try again`,
  retryAfterS: 5,
});

/** The storage fault `e` is, or null when it is none (a bug, answered 500 as before). */
export function storageFault(e: unknown): StorageFault | null {
  if (e instanceof StorageUnavailable) return unavailable(e.message);
  const code = sqliteCode(e);
  if (code !== null) return sqliteFault(code);
  const state = sqlState(e);
  return state !== null ? postgresFault(state, (e as Error).message) : null;
}
