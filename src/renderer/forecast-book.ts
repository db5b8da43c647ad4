/**
 * The page's forecasts (docs/protocol.md "Forecasts"): per topic the hub's current forecast, with
 * the topic marked dirty when it changes so the widgets reading it redraw through the store's one
 * path (TopicData.forecast). A snapshot replaces them all; a `forecast` event one (null: withdrawn).
 */
import type { Forecast } from '../core/protocol/forecasts.js';

export class ForecastBook {
  private readonly byTopic = new Map<string, Forecast>();

  /** `changed(topic)`: the store marks the topic dirty and drops its cached TopicData. */
  public constructor(private readonly changed: (topic: string) => void) {}

  public get(topic: string): Forecast | undefined {
    return this.byTopic.get(topic);
  }

  public set(topic: string, forecast: Forecast | null): void {
    if (forecast) this.byTopic.set(topic, forecast);
    else if (!this.byTopic.delete(topic)) return;
    this.changed(topic);
  }

  /** A snapshot's forecasts: every topic's, the ones it lacks withdrawn. */
  public replace(forecasts: readonly Forecast[]): void {
    const named = new Set(forecasts.map((f) => f.topic));
    for (const topic of [...this.byTopic.keys()]) if (!named.has(topic)) this.set(topic, null);
    for (const f of forecasts) this.set(f.topic, f);
  }

  public topics(): string[] {
    return [...this.byTopic.keys()];
  }
}
