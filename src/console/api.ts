/**
 * The hub's REST API as the console uses it: same origin, the operator token as a bearer token,
 * JSON in and out; errors carry the hub's code and message. Every request names the console
 * (`X-Wallrun-Client: console`) so the hub's audit says it came from here, not from another REST
 * caller; it is informational only: the token's role decides what the hub allows.
 */
import { CLIENT_HEADER } from '../core/protocol/audit.js';
import { NETWORK_ERROR, errorSentence } from './i18n.js';

const CLIENT = { [CLIENT_HEADER]: 'console' };

export class ApiError extends Error {
  public constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    /** The whole error body (a version conflict carries the `current` preset). */
    public readonly body: unknown = null,
  ) {
    super(message);
  }
}

/**
 * An error as the console shows it: a sentence in the page's language for the hub's code, then the
 * hub's own message as the detail (it names the window, layout or field, and is not translated).
 */
export function errorText(e: unknown): string {
  if (e instanceof ApiError) return `${errorSentence(e.code)} (${e.message})`;
  if (e instanceof TypeError) return `${NETWORK_ERROR()} (${e.message})`;
  return e instanceof Error ? e.message : String(e);
}

export class Api {
  public constructor(private readonly token: string) {}

  public async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(path, {
      method,
      headers: {
        Authorization: `Bearer ${this.token}`,
        ...CLIENT,
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      cache: 'no-store',
    });
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: reported below
    }
    if (!res.ok) {
      const err = (parsed as { error?: { code?: string; message?: string; details?: string[] } } | null)?.error;
      const details = err?.details?.length ? ` (${err.details.join('; ')})` : '';
      throw new ApiError(res.status, err?.code ?? 'http', `${err?.message ?? `HTTP ${res.status}`}${details}`, parsed);
    }
    return parsed as T;
  }

  /** An image resource as a blob (thumbnails need the bearer token, so no plain <img src>). */
  public async blob(path: string): Promise<Blob> {
    const res = await fetch(path, { headers: { Authorization: `Bearer ${this.token}`, ...CLIENT }, cache: 'no-store' });
    if (!res.ok) throw new ApiError(res.status, 'http', `HTTP ${res.status}`);
    return res.blob();
  }
}
