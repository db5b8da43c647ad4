/**
 * Who made a REST request, for the audit trail: the token (auth.ts actorOf) and the channel. The
 * operator console names itself with `X-Wallrun-Client: console` (src/console/api.ts); any other
 * caller (an integration, a script, curl) is `rest`. The header is informational only: anyone may
 * send it, so it decides nothing but the audit row's `channel`; the token's role decides what is allowed.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { CLIENT_HEADER, type AuditChannel } from '../core/protocol/audit.js';
import { actorOf } from './auth.js';
import type { RequestContext } from './http.js';
import type { Actor } from './storage/store-types.js';

export function channelOf(headers: IncomingHttpHeaders): AuditChannel {
  return headers[CLIENT_HEADER.toLowerCase()] === 'console' ? 'console' : 'rest';
}

export const requestActor = (ctx: Pick<RequestContext, 'req' | 'principal'>): Actor => actorOf(ctx.principal, channelOf(ctx.req.headers));
