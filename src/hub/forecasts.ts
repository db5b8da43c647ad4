/**
 * Forecasts at the hub (docs/protocol.md "Forecasts"): each topic's current forecast, published by
 * any model over REST (`PUT /api/forecasts/:topic`, replaced whole), withdrawn (`DELETE`), listed
 * with its freshness (`GET /api/forecasts`). Kept in the store before it is answered, so a restarted
 * hub serves the same; sent to walls that announced `forecasts` in their snapshots (forWalls) and as
 * `forecast` events (the socket.io room FORECAST_ROOM).
 */
import { checkForecastPublish, checkForecastTimes, checkTopicName } from '../core/protocol/rest-validate.js';
import { FORECAST_DEFAULT_VALID_S, forecastStale, type Forecast } from '../core/protocol/forecasts.js';
import { LIMITS } from '../core/protocol/limits.js';
import type { WallNamespace } from './fanout.js';
import { checkedBody, HttpError, sendJson, type RequestContext, type Router } from './http.js';
import type { ForecastStore } from './storage/store.js';
import type { Role } from '../core/protocol/rest-bodies.js';
import type { BaselineStatus } from './forecaster/baseline.js';

/** The room of `/wall` sockets that announced the feature `forecasts` (wall-namespace.ts joins them). */
export const FORECAST_ROOM = 'feature:forecasts';

export class ForecastService {
  private readonly byTopic = new Map<string, Forecast>();

  public constructor(
    private readonly store: ForecastStore,
    private readonly ns: WallNamespace,
    private readonly now: () => number,
  ) {}

  public async init(): Promise<void> {
    for (const f of await this.store.load()) this.byTopic.set(f.topic, f);
  }

  /** Every forecast, for a snapshot to a wall with the feature. */
  public forWalls(): Forecast[] {
    return [...this.byTopic.values()];
  }

  public get(topic: string): Forecast | undefined {
    return this.byTopic.get(topic);
  }

  /** Stores `f` (replacing the topic's), then tells the walls. A storage fault throws: nothing changed. */
  public async put(f: Forecast): Promise<void> {
    await this.store.save(f);
    this.byTopic.set(f.topic, f);
    this.ns.to(FORECAST_ROOM).emit('forecast', { topic: f.topic, forecast: f });
  }

  /** Whether the topic had a forecast; walls are told it is gone. */
  public async withdraw(topic: string): Promise<boolean> {
    const had = await this.store.drop(topic);
    if (this.byTopic.delete(topic) || had) {
      this.ns.to(FORECAST_ROOM).emit('forecast', { topic, forecast: null });
      return true;
    }
    return false;
  }

  /** With `stale` at hub time now. */
  public list(): (Forecast & { stale: boolean })[] {
    const now = this.now();
    return [...this.byTopic.values()].sort((a, b) => a.topic.localeCompare(b.topic)).map((f) => ({ ...f, stale: forecastStale(f, now) }));
  }

  public get count(): number {
    return this.byTopic.size;
  }
}

function topicParam(ctx: RequestContext): string {
  const r = checkTopicName(ctx.params.topic);
  if (!r.ok) throw new HttpError(400, 'invalid', 'bad topic name in the path', r.errors.map((e) => e.replace(/^payload/, 'topic')));
  return r.value;
}

/** `GET/PUT/DELETE /api/forecasts[/:topic]` (docs/protocol.md "Forecasts"); the list says what the baseline forecaster did per topic. */
export function addForecastRoutes(router: Router, forecasts: ForecastService, now: () => number, readers: readonly Role[], baseline: () => BaselineStatus[] = () => []): void {
  router.add('GET', '/api/forecasts', readers, ({ res }) => sendJson(res, 200, { hubTime: now(), forecasts: forecasts.list(), baseline: baseline() }));
  router.add('GET', '/api/forecasts/:topic', readers, (ctx) => {
    const topic = topicParam(ctx);
    const f = forecasts.list().find((x) => x.topic === topic);
    if (!f) throw new HttpError(404, 'not-found', `topic ${topic} has no forecast`);
    sendJson(ctx.res, 200, { hubTime: now(), forecast: f });
  });
  router.add('PUT', '/api/forecasts/:topic', ['integration'], async (ctx) => {
    const topic = topicParam(ctx);
    const body = await checkedBody(ctx, checkForecastPublish);
    const at = now();
    const errors = checkForecastTimes(body, at);
    if (errors.length) throw new HttpError(400, 'invalid', 'the body does not match the API', errors);
    if (!forecasts.get(topic) && forecasts.count >= LIMITS.forecastTopics) {
      throw new HttpError(409, 'forecast-limit', `the hub keeps forecasts of at most ${LIMITS.forecastTopics} topics`);
    }
    const issuedAt = body.issuedAt ?? at;
    const forecast: Forecast = {
      topic,
      model: body.model ?? ctx.principal!.name,
      issuedAt,
      validUntil: issuedAt + (body.validS ?? FORECAST_DEFAULT_VALID_S) * 1000,
      points: body.points,
    };
    await forecasts.put(forecast);
    sendJson(ctx.res, 200, { forecast: { ...forecast, stale: forecastStale(forecast, at) } });
  });
  router.add('DELETE', '/api/forecasts/:topic', ['integration'], async (ctx) => {
    const topic = topicParam(ctx);
    if (!(await forecasts.withdraw(topic))) throw new HttpError(404, 'not-found', `topic ${topic} has no forecast`);
    sendJson(ctx.res, 200, { withdrawn: topic });
  });
}
