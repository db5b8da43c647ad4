/**
 * The REST routes of CAP 1.2 (docs/protocol.md "CAP 1.2"): `POST /api/cap` takes one CAP XML
 * message from an integration (413 over the configured size, read no further), `GET /api/cap/messages`
 * lists what was taken for the console, Exercise and Test messages included.
 */
import type { IncomingMessage } from 'node:http';
import type { Role } from '../../core/protocol/rest-bodies.js';
import type { CapMessagesAnswer } from '../../core/protocol/cap.js';
import { HttpError, readTextBody, sendJson, type Router } from '../http.js';
import { requestActor } from '../request-actor.js';
import type { HubStore } from '../storage/store.js';
import type { CapService } from './cap-service.js';

export const CAP_MEDIA_TYPES = ['application/cap+xml', 'application/xml', 'text/xml'];

export interface CapRouteDeps {
  router: Router;
  store: HubStore;
  cap: CapService;
  now: () => number;
  /** automation.cap: body limit and the senders POST /api/cap takes (empty: any). */
  maxBodyBytes: number;
  senders: () => readonly string[];
}

/** The CAP message as UTF-8 text, refused with 413 past `max` bytes (declared or sent). */
export function readXmlBody(req: IncomingMessage, max: number): Promise<string> {
  return readTextBody(req, {
    types: CAP_MEDIA_TYPES,
    max,
    tooLarge: `CAP messages are limited to ${max} bytes (automation.cap.maxBodyBytes)`,
    badText: { code: 'bad-encoding', message: 'the CAP message is not valid UTF-8' },
  });
}

export function addCapRoutes(d: CapRouteDeps, readers: readonly Role[]): void {
  d.router.add('POST', '/api/cap', ['integration'], async (ctx) => {
    const actor = requestActor(ctx);
    let xml: string;
    try {
      xml = await readXmlBody(ctx.req, d.maxBodyBytes);
    } catch (e) {
      if (e instanceof HttpError) {
        await d.store.audit.write('cap:refused', null, actor, d.now(), { code: e.code, reason: e.message, via: actor.via }).catch(() => undefined);
      }
      throw e;
    }
    const outcome = await d.cap.ingest(xml, { actor, via: actor.via, senders: d.senders() });
    if (!outcome.ok) throw new HttpError(outcome.status, outcome.code, outcome.message, outcome.details);
    sendJson(ctx.res, 202, outcome.answer);
  });
  d.router.add('GET', '/api/cap/messages', readers, async (ctx) => {
    const limit = Number(ctx.query.get('limit') ?? 200);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new HttpError(400, 'invalid', 'the query does not match the API', ['limit: an integer from 1 to 1000']);
    sendJson(ctx.res, 200, { hubTime: d.now(), messages: await d.store.cap.list(limit) } satisfies CapMessagesAnswer);
  });
}
