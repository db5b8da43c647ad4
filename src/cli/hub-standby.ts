/**
 * `wallrun hub --store postgres://… --advertise-url URL`: one hub of an active/standby group on one
 * PostgreSQL (docs/scaling.md "Active and standby hubs"). The process stands by (its port answers
 * who leads) until it wins the lease, then runs the full hub with every store write fenced by its
 * token. It ends: 0 on SIGINT/SIGTERM (a held lease is given up, a standby takes over at once);
 * LOST_LEASE_EXIT_CODE (75) when it lost the lease while leading, for the service manager to
 * restart it as a standby; 1 when it could not start.
 */
import { hostname } from 'node:os';
import { httpOrigin } from '../core/page/hub-config.js';
import { ActiveStandby } from '../hub/leadership/active-standby.js';
import { DEFAULT_LEASE_TTL_MS } from '../hub/leadership/lease-keeper.js';
import { leasePool, PgLease } from '../hub/leadership/lease.js';
import { startStandbyFront } from '../hub/leadership/standby-front.js';
import { redactUrl, startHub, type Hub, type HubOptions } from '../hub/server.js';

export interface StandbyHubOptions {
  /** The shared PostgreSQL (`--store`, WALLRUN_STORE). */
  store: string;
  /** This hub's URL as walls and clients reach it (`--advertise-url`). */
  advertiseUrl: string;
  /** `--lease-ttl` (ms). */
  leaseTtlMs?: number;
}

/** The advertise URL's problem, or null: an http(s) origin, and its scheme the hub's own. */
export function advertiseUrlProblem(url: string, tls: boolean): string | null {
  const origin = httpOrigin(url);
  if (!origin) return `--advertise-url "${url}" is not an http(s) URL without credentials (e.g. https://hub-a.ioc.example:7400)`;
  const scheme = origin.http.startsWith('https:') ? 'https' : 'http';
  if (scheme !== (tls ? 'https' : 'http')) return `--advertise-url is ${scheme}:// but the hub serves ${tls ? 'HTTPS' : 'plain HTTP (--insecure)'}`;
  return null;
}

/** Runs until a signal or the loss of the lease; resolves with the exit code. */
export async function standbyHubCommand(hubOptions: HubOptions, s: StandbyHubOptions, say: (line: string) => void, err: (line: string) => void): Promise<number> {
  const problem = advertiseUrlProblem(s.advertiseUrl, !!hubOptions.tls);
  if (problem) {
    err(`wallrun hub: ${problem}`);
    return 1;
  }
  const advertised = httpOrigin(s.advertiseUrl)!.http;
  const pool = leasePool(s.store);
  pool.on('error', (e) => err(`hub: lease database: ${e.message}`));
  const lease = new PgLease(pool, { holderId: `${hostname()}:${process.pid}`, url: advertised });
  const log = (m: string): void => err(`hub: ${m}`);
  let hub: Hub | null = null;
  return new Promise<number>((resolve) => {
    let finished = false;
    const finish = (code: number): void => {
      if (finished) return;
      finished = true;
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      process.off('SIGHUP', onHup);
      void pool.end().catch(() => undefined).then(() => resolve(code));
    };
    const ttlMs = s.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS;
    const node = new ActiveStandby({
      lease,
      ttlMs,
      log,
      startFront: async (leader) => {
        const front = await startStandbyFront({ transport: hubOptions.tls ? { tls: hubOptions.tls } : { insecure: true }, port: hubOptions.port ?? 0, host: hubOptions.host ?? '127.0.0.1', leader });
        say(`wallrun hub standing by on ${front.url} (advertised ${advertised}); store ${redactUrl(s.store)}`);
        return front;
      },
      startLeader: async (token) => {
        // A write transaction idle this long (its process paused) is ended by the server, so its
        // share lock on the lease row cannot hold a takeover off for longer.
        hub = await startHub({ ...hubOptions, store: s.store, storeBeforeWrite: lease.fence(token, ttlMs / 2), groupUrl: advertised });
        say(`wallrun hub leading on ${hub.url} (advertised ${advertised}, lease token ${token})`);
        return hub;
      },
      ended: (reason, code) => {
        err(`wallrun hub: ${reason}; exit ${code}`);
        finish(code);
      },
    });
    const stop = (signal: string): void => {
      err(`hub: ${signal}, closing`);
      node.stop().then(
        () => finish(0),
        (e: unknown) => {
          err(`hub: close failed: ${(e as Error).message}`);
          finish(1);
        },
      );
    };
    const onInt = (): void => stop('SIGINT');
    const onTerm = (): void => stop('SIGTERM');
    const onHup = (): void => void (node.currentRole === 'leader' ? hub?.reloadTokens() : undefined);
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    process.on('SIGHUP', onHup);
    node.start().catch((e: unknown) => {
      err(`wallrun hub: ${(e as Error).message}`);
      void node.stop().finally(() => finish(1));
    });
  });
}
