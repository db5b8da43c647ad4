/**
 * The hub's connection to its own nats-server (docs/federation.md). Credentials never come from the
 * project: `WALLRUN_NATS_TOKEN`, or `WALLRUN_NATS_USER` and `WALLRUN_NATS_PASSWORD`, or
 * `<dataDir>/nats-credentials.json` (`{ "token": … }` or `{ "user": …, "password": … }`); none: no auth.
 * The client reconnects by itself without end; a hub whose nats-server is not there at start fails to
 * start (a sub-centre's is on the same machine: start it first, systemd `After=nats-server.service`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect, type ConnectionOptions, type NatsConnection } from 'nats';

export const NATS_CREDENTIALS_FILE = 'nats-credentials.json';

type Auth = Pick<ConnectionOptions, 'token' | 'user' | 'pass'>;

function credentials(dataDir: string, env: NodeJS.ProcessEnv): Auth {
  if (env.WALLRUN_NATS_TOKEN) return { token: env.WALLRUN_NATS_TOKEN };
  if (env.WALLRUN_NATS_USER) return { user: env.WALLRUN_NATS_USER, pass: env.WALLRUN_NATS_PASSWORD ?? '' };
  const file = join(dataDir, NATS_CREDENTIALS_FILE);
  if (!existsSync(file)) return {};
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  if (typeof raw.token === 'string') return { token: raw.token };
  if (typeof raw.user === 'string') return { user: raw.user, pass: typeof raw.password === 'string' ? raw.password : '' };
  throw new Error(`${file}: expected { "token": … } or { "user": …, "password": … }`);
}

export async function connectNats(url: string, name: string, dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<NatsConnection> {
  try {
    return await connect({
      servers: url,
      name,
      reconnect: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      ...credentials(dataDir, env),
    });
  } catch (e) {
    throw new Error(`cannot reach the nats-server at ${url}: ${(e as Error).message}`, { cause: e });
  }
}
