/**
 * The PostgreSQL backend's one way to the server: a `pg.Pool`; every write is one transaction on
 * one client (BEGIN, the fence hook, the statements, COMMIT), every read one statement. The
 * promise of a write resolves after COMMIT was answered, so the caller may confirm the change.
 *
 * Errors: a connection lost, refused or timed out becomes StorageUnavailable (storage-errors.ts:
 * 503 storage-unavailable), and so does a throw of the fence hook (`beforeWrite`: this hub may not
 * write); the server's own errors keep their SQLSTATE (08…, 57P0x, 53100 are mapped there). No
 * message carries the URL's password.
 */
import pg from 'pg';
import type { PoolClient, QueryResultRow } from 'pg';
import { StorageUnavailable } from '../storage-errors.js';
import { redactUrl } from './pg-url.js';

/** Called inside every write transaction right after BEGIN; a throw aborts it (nothing written). */
export type BeforeWrite = (client: PoolClient) => Promise<void>;

export type Params = readonly unknown[];

/** bigint (int8) columns hold ms times and counts well below 2^53: numbers, as SQLite gives them. */
const INT8_OID = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const CONNECTION_WORDS = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended|not queryable/i;

/** Whether `e` is the connection failing (not a statement the server refused). */
export function isConnectionError(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const code = (e as Error & { code?: unknown }).code;
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
  return !('severity' in e) && CONNECTION_WORDS.test(e.message);
}

export class PgDb {
  public readonly pool: pg.Pool;
  /** Why the server could not be reached at the last statement or transaction; null once one succeeded. */
  public unreachable: string | null = null;

  public constructor(
    public readonly url: string,
    private readonly beforeWrite: BeforeWrite | undefined,
    log: (message: string) => void,
  ) {
    this.pool = new pg.Pool({ connectionString: url, types, max: 10, connectionTimeoutMillis: 5000, idleTimeoutMillis: 30_000 });
    // An idle client whose server went away: the pool drops it; the next query connects again.
    this.pool.on('error', (e) => log(`PostgreSQL (${redactUrl(url)}): idle connection lost: ${e.message}`));
  }

  /** One statement outside a transaction. */
  public async query<R extends QueryResultRow>(sql: string, params: Params = []): Promise<R[]> {
    try {
      const rows = (await this.pool.query<R>(sql, params as unknown[])).rows;
      this.unreachable = null;
      return rows;
    } catch (e) {
      throw this.wrap(e);
    }
  }

  /**
   * Runs `work` in one transaction on one client: BEGIN, the fence hook, `work`, COMMIT. Resolves
   * after the COMMIT was answered; any throw rolls it back and rejects.
   */
  public write<T>(work: (c: PgTx) => Promise<T>): Promise<T> {
    return this.transaction(work, true);
  }

  /** A transaction without the fence hook: the schema's migration at start, before any lease exists. */
  public unfenced<T>(work: (c: PgTx) => Promise<T>): Promise<T> {
    return this.transaction(work, false);
  }

  private async transaction<T>(work: (c: PgTx) => Promise<T>, fenced: boolean): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (e) {
      throw this.wrap(e);
    }
    let broken: Error | undefined;
    // The connection failing between statements: pg emits it on the client (the pool listens only to idle ones); without a listener it would crash the hub.
    const onError = (e: Error): void => void (broken = e);
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      if (fenced && this.beforeWrite) {
        try {
          await this.beforeWrite(client);
        } catch (e) {
          if (isConnectionError(e) || (e as { severity?: unknown }).severity) throw e;
          throw new StorageUnavailable(`this hub may not write: ${(e as Error).message}`);
        }
      }
      const out = await work(new PgTx(client));
      await client.query('COMMIT');
      this.unreachable = null;
      return out;
    } catch (e) {
      if (isConnectionError(e)) broken = e as Error;
      else await client.query('ROLLBACK').catch((r: unknown) => void (broken = r as Error));
      throw this.wrap(e);
    } finally {
      client.removeListener('error', onError);
      client.release(broken); // a broken client is destroyed, not given back to the pool
    }
  }

  public close(): Promise<void> {
    return this.pool.end();
  }

  private wrap(e: unknown): unknown {
    const state = (e as { code?: unknown; severity?: unknown }).severity ? String((e as { code?: unknown }).code) : '';
    if (state.startsWith('08') || /^57P0[123]$/.test(state)) this.unreachable = redactUrl((e as Error).message);
    if (e instanceof StorageUnavailable || !isConnectionError(e)) return e;
    const unavailable = new StorageUnavailable(`the server ${redactUrl(this.url)} cannot be reached (${redactUrl((e as Error).message)})`);
    this.unreachable = unavailable.message;
    return unavailable;
  }
}

/** The statements of one write transaction. */
export class PgTx {
  public constructor(private readonly client: PoolClient) {}

  public async rows<R extends QueryResultRow>(sql: string, params: Params = []): Promise<R[]> {
    return (await this.client.query<R>(sql, params as unknown[])).rows;
  }

  public async run(sql: string, params: Params = []): Promise<number> {
    return (await this.client.query(sql, params as unknown[])).rowCount ?? 0;
  }
}
