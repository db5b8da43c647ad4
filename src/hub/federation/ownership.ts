/**
 * Ownership of forwarded alerts (docs/federation.md "Ownership"): the sub-centre owns its alerts; at
 * the province an alert with `origin` is read-only, and every change asked there is refused with this.
 */
import type { Alert } from '../../core/protocol/alerts.js';

/** The refusal (409 owned-by-sub-centre), naming the sub-centre, in English and Vietnamese. */
export function ownedBySubCentre(alert: Alert): { ok: false; status: 409; code: string; message: string } {
  return {
    ok: false,
    status: 409,
    code: 'owned-by-sub-centre',
    message: `alert ${alert.id} belongs to sub-centre ${alert.origin}: acknowledge, change or clear it there (cảnh báo thuộc trung tâm ${alert.origin}: xử lý tại đó)`,
  };
}
