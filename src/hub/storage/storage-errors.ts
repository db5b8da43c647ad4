/**
 * What a failed write to hub.sqlite means for whoever asked: SQLite's error codes turned into the
 * REST answer the hub gives (docs/reliability.md "Fault suite", docs/errors.md). Another process
 * holding a lock on the file → 503 storage-busy (try again); a full disk, a file-size limit or an
 * I/O error → 507 storage-full. Either way the change was not stored and nothing stored before is
 * touched: SQLite rolled the transaction back.
 */

export interface StorageFault {
  status: 503 | 507;
  code: 'storage-busy' | 'storage-full';
  message: string;
  /** Seconds a client should wait before it tries again (the Retry-After header). */
  retryAfterS: number;
}

const sqliteCode = (e: unknown): string | null => {
  if (!(e instanceof Error) || e.name !== 'SqliteError') return null;
  const code = (e as Error & { code?: unknown }).code;
  return typeof code === 'string' ? code : null;
};

/** The storage fault `e` is, or null when it is none (a bug, answered 500 as before). */
export function storageFault(e: unknown): StorageFault | null {
  const code = sqliteCode(e);
  if (code === null) return null;
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
