/**
 * The store's side of the hub link: the wall client's bus events applied to the page's store, one
 * listener per event. A snapshot replaces the values (with the charts' history), the active alerts
 * the late list and the forecasts (docs/protocol.md rule 2); a `forecast` event replaces one; updates are published as the hub's; alert events
 * change the alert map (ticker and lists redraw through the alerts topic); an acknowledgement the
 * hub committed shows at once, as the hub returned its alert, without waiting for the broadcast.
 */
import type { EventBus } from '../net/bus.js';
import type { WallClientEvents } from '../net/events.js';
import type { Store } from '../store.js';

/** Subscribes `store` to the hub's events on `bus`; the returned disposer takes every listener off. */
export function feedStore(bus: EventBus<WallClientEvents>, store: Store): () => void {
  const disposers = [
    bus.on('snapshot', (s) => {
      store.replaceValues(s.values, s.history);
      store.replaceAlerts(s.alerts);
      store.setLate(s.late.map((l) => l.topic));
      store.forecasts.replace(s.forecasts ?? []);
    }),
    bus.on('forecast', (f) => store.forecasts.set(f.topic, f.forecast)),
    bus.on('updates', (updates) => {
      for (const u of updates) store.publish(u.topic, u.value, u.t, 'hub');
    }),
    bus.on('alert', ({ kind, alert }) => {
      if (kind === 'cleared' || alert.state === 'cleared') store.clearAlert(alert.id);
      else store.raiseAlert(alert);
    }),
    bus.on('late', (late) => store.setLate(late.late.map((l) => l.topic))),
    bus.on('ackConfirmed', ({ result }) => {
      if (result.alert.state !== 'cleared') store.raiseAlert(result.alert);
    }),
  ];
  return () => {
    for (const off of disposers.splice(0)) off();
  };
}
