import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { storageFault, StorageUnavailable } from './storage-errors.js';

const sqliteError = (code: string): Error => Object.assign(new Error('x'), { name: 'SqliteError', code });

describe('storageFault', () => {
  it('answers a lock with 503 storage-busy and a full or failing disk with 507 storage-full', () => {
    for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_LOCKED']) expect(storageFault(sqliteError(code))).toMatchObject({ status: 503, code: 'storage-busy' });
    for (const code of ['SQLITE_FULL', 'SQLITE_IOERR_WRITE', 'SQLITE_IOERR']) expect(storageFault(sqliteError(code))).toMatchObject({ status: 507, code: 'storage-full' });
    expect(storageFault(sqliteError('SQLITE_FULL'))!.message).toContain('hub.sqlite');
  });

  it('leaves other errors alone (a bug stays a 500)', () => {
    expect(storageFault(sqliteError('SQLITE_CONSTRAINT_UNIQUE'))).toBeNull();
    expect(storageFault(new TypeError('x'))).toBeNull();
    expect(storageFault('SQLITE_BUSY')).toBeNull();
  });

  it('reads the code of a real better-sqlite3 error', () => {
    const db = new Database(':memory:');
    try {
      db.exec('CREATE TABLE t (a INTEGER PRIMARY KEY)');
      db.exec('INSERT INTO t VALUES (1)');
      let caught: unknown;
      try {
        db.exec('INSERT INTO t VALUES (1)');
      } catch (e) {
        caught = e;
      }
      expect((caught as Error).name).toBe('SqliteError');
      expect(storageFault(caught)).toBeNull();
    } finally {
      db.close();
    }
  });
});

describe('storageFault on PostgreSQL', () => {
  const pgError = (code: string, message = 'x'): Error => Object.assign(new Error(message), { severity: 'FATAL', code });

  it('answers a server that is gone, refusing or shutting down with 503 storage-unavailable, a full disk with 507 storage-full', () => {
    for (const code of ['08006', '08001', '57P01', '57P02', '57P03']) expect(storageFault(pgError(code))).toMatchObject({ status: 503, code: 'storage-unavailable', retryAfterS: 5 });
    expect(storageFault(pgError('53100'))).toMatchObject({ status: 507, code: 'storage-full' });
    expect(storageFault(new StorageUnavailable('no route to the server'))).toMatchObject({ status: 503, code: 'storage-unavailable', message: expect.stringContaining('no route to the server') });
  });

  it('leaves a constraint or a syntax error alone (a bug stays a 500)', () => {
    expect(storageFault(pgError('23505'))).toBeNull();
    expect(storageFault(pgError('42601'))).toBeNull();
    expect(storageFault(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBeNull(); // the backend wraps these (StorageUnavailable)
  });
});
