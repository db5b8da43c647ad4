/**
 * The automation over REST (docs/protocol.md "Automation"): what runs now and why, the next
 * entries, the hold, takeovers, prompts and the switch queue (GET /api/schedule); an operator ends
 * a hold (POST /api/hold/release) and confirms or dismisses a takeover prompt.
 */
import type { Role } from '../../core/protocol/rest-bodies.js';
import { checkId } from '../../core/protocol/rest-validate.js';
import { HttpError, sendJson, type RequestContext, type Router } from '../http.js';
import { requestActor } from '../request-actor.js';
import type { Director } from './director.js';

export const SCHEDULE_READERS: readonly Role[] = ['operator', 'editor', 'integration'];
export const AUTOMATION_STAFF: readonly Role[] = ['operator', 'editor'];

function promptId(ctx: RequestContext): string {
  const r = checkId(ctx.params.id);
  if (!r.ok) throw new HttpError(400, 'invalid', 'bad prompt id', r.errors);
  return r.value;
}

export function addAutomationRoutes(router: Router, director: Director): void {
  router.add('GET', '/api/schedule', SCHEDULE_READERS, async ({ res }) => sendJson(res, 200, await director.answer()));
  router.add('POST', '/api/hold/release', AUTOMATION_STAFF, async (ctx) => {
    director.releaseHold(requestActor(ctx));
    sendJson(ctx.res, 200, await director.answer());
  });
  router.add('POST', '/api/prompts/:id/confirm', AUTOMATION_STAFF, async (ctx) => {
    const id = promptId(ctx);
    if (!director.confirm(id, requestActor(ctx))) throw new HttpError(404, 'unknown-prompt', `no open prompt ${id} (confirmed, dismissed or expired already?)`);
    sendJson(ctx.res, 202, await director.answer());
  });
  router.add('POST', '/api/prompts/:id/dismiss', AUTOMATION_STAFF, async (ctx) => {
    const id = promptId(ctx);
    if (!director.dismiss(id, requestActor(ctx))) throw new HttpError(404, 'unknown-prompt', `no open prompt ${id} (confirmed, dismissed or expired already?)`);
    sendJson(ctx.res, 200, await director.answer());
  });
}
