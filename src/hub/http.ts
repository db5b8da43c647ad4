/**
 * A small JSON-over-HTTP router for the REST API: bearer-token auth with roles per route, bodies
 * capped and parsed as JSON only, every answer JSON (or Prometheus text) with headers that stop a
 * browser from interpreting it as anything else.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Role } from '../core/protocol/rest-bodies.js';
import type { Checked } from '../core/protocol/schema-check.js';
import type { Principal, TokenRegistry } from './auth.js';
import type { Metrics } from './metrics.js';
import { storageFault } from './storage/storage-errors.js';

/** Largest request body accepted (a publish of 1000 updates fits). */
export const MAX_BODY_BYTES = 1024 * 1024;

export class HttpError extends Error {
  public constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: string[],
  ) {
    super(message);
  }
}

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string>;
  query: URLSearchParams;
  /** null on public routes. */
  principal: Principal | null;
  body(): Promise<unknown>;
}

/** The request's query parameters, checked against the query's schema (rest-validate.ts); 400 naming each bad one. */
export function query<T>(ctx: Pick<RequestContext, 'query'>, checker: (params: Iterable<[string, string]>) => Checked<T>): T {
  const r = checker(ctx.query);
  if (!r.ok) throw new HttpError(400, 'invalid', 'the query does not match the API', r.errors);
  return r.value;
}

/** The request's JSON body, checked against its schema (rest-validate.ts); 400 naming each problem. */
export async function checkedBody<T>(ctx: Pick<RequestContext, 'body'>, checker: (v: unknown) => Checked<T>): Promise<T> {
  const r = checker(await ctx.body());
  if (!r.ok) throw new HttpError(400, 'invalid', 'the body does not match the API', r.errors);
  return r.value;
}

type Handler = (ctx: RequestContext) => void | Promise<void>;
interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  roles: readonly Role[] | 'public';
  handler: Handler;
}

const BASE_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
};

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...BASE_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendText(res: ServerResponse, status: number, contentType: string, text: string): void {
  res.writeHead(status, { ...BASE_HEADERS, 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * A request's body as UTF-8 text: 415 unless its media type is one of `types`, 413 (`tooLarge`)
 * past `max` bytes, declared or sent (the rest is not read), 400 (`badText`) when not UTF-8.
 */
export function readTextBody(
  req: IncomingMessage,
  limits: { types: readonly string[]; max: number; tooLarge: string; badText: { code: string; message: string } },
): Promise<string> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!limits.types.includes(type)) {
    return Promise.reject(new HttpError(415, 'unsupported-media-type', `send the body as ${limits.types.join(' or ')}`));
  }
  const tooLarge = (): HttpError => new HttpError(413, 'body-too-large', limits.tooLarge);
  if (Number(req.headers['content-length'] ?? 0) > limits.max) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limits.max) {
        reject(tooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      try {
        resolve(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
      } catch {
        reject(new HttpError(400, limits.badText.code, limits.badText.message));
      }
    });
  });
}

const BAD_JSON = { code: 'bad-json', message: 'the body is not valid UTF-8 JSON' };

async function readBody(req: IncomingMessage): Promise<unknown> {
  const text = await readTextBody(req, {
    types: ['application/json'],
    max: MAX_BODY_BYTES,
    tooLarge: `bodies are limited to ${MAX_BODY_BYTES} bytes`,
    badText: BAD_JSON,
  });
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, BAD_JSON.code, BAD_JSON.message);
  }
}

export class Router {
  private readonly routes: Route[] = [];

  public constructor(
    private readonly tokens: TokenRegistry,
    private readonly metrics: Metrics,
    private readonly log: (message: string) => void,
  ) {}

  /** `path` may hold `:name` segments, e.g. `/api/alerts/:id/ack`. */
  public add(method: string, path: string, roles: readonly Role[] | 'public', handler: Handler): void {
    const keys: string[] = [];
    const source = path.replace(/:([a-zA-Z]+)/g, (_m, key: string) => {
      keys.push(key);
      return '([^/]+)';
    });
    this.routes.push({ method, pattern: new RegExp(`^${source}/?$`), keys, roles, handler });
  }

  public async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.on('finish', () => this.metrics.restRequests.inc({ status: res.statusCode }));
    try {
      const url = new URL(req.url ?? '/', 'http://hub');
      const matching = this.routes.filter((r) => r.pattern.test(url.pathname));
      if (matching.length === 0) throw new HttpError(404, 'not-found', `no route ${url.pathname}`);
      const route = matching.find((r) => r.method === req.method);
      if (!route) {
        res.setHeader('Allow', matching.map((r) => r.method).join(', '));
        throw new HttpError(405, 'method-not-allowed', `${req.method} is not allowed on ${url.pathname}`);
      }
      const principal = route.roles === 'public' ? null : this.authorize(req, route.roles);
      const match = route.pattern.exec(url.pathname)!;
      const params: Record<string, string> = {};
      route.keys.forEach((k, i) => {
        try {
          params[k] = decodeURIComponent(match[i + 1]!);
        } catch {
          throw new HttpError(400, 'bad-path', 'the path is not valid percent-encoding');
        }
      });
      await route.handler({ req, res, params, query: url.searchParams, principal, body: () => readBody(req) });
    } catch (e) {
      if (res.headersSent) return void res.destroy();
      if (e instanceof HttpError) {
        if (e.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="wallrun"');
        sendJson(res, e.status, { error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } });
      } else if (storageFault(e)) {
        // The database refused the write (locked, disk full): a clear answer, not "internal error".
        const fault = storageFault(e)!;
        this.log(`REST ${req.method} ${req.url}: ${fault.message}`);
        res.setHeader('Retry-After', String(fault.retryAfterS));
        sendJson(res, fault.status, { error: { code: fault.code, message: fault.message } });
      } else {
        this.log(`REST ${req.method} ${req.url}: ${(e as Error).stack ?? String(e)}`);
        sendJson(res, 500, { error: { code: 'internal', message: 'internal error' } });
      }
    }
  }

  private authorize(req: IncomingMessage, roles: readonly Role[]): Principal {
    const header = req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    const principal = m ? this.tokens.verify(m[1]) : null;
    if (!principal) throw new HttpError(401, 'unauthorized', 'send Authorization: Bearer <token> with a known token');
    if (!roles.includes(principal.role)) {
      throw new HttpError(403, 'forbidden', `a ${principal.role} token may not do this (needs ${roles.join(' or ')})`);
    }
    return principal;
  }
}
