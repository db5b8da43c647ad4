/**
 * The demo's catalogue: every topic of docs/topics.md with a plausible generator and its demo
 * range (a test checks that the two lists match). `every`: seconds between publishes, well within
 * the topic's freshness.
 */

export type DemoKind =
  /** Random walk around the middle of the range. */
  | 'level'
  /** Traffic flow: peaks 06:30–08:00 and 16:30–18:30 local time. */
  | 'rush'
  /** Speed: dips when flow peaks. */
  | 'speed'
  /** Counts up through the day, back to 0 at local midnight. */
  | 'count'
  /** Tide: a sine of `periodH` hours plus noise. */
  | 'tide'
  /** `{ [districtId]: number }` over the nine Cà Mau districts. */
  | 'districts'
  /** Minutes since the demo incident was reported. */
  | 'elapsed'
  /** Rain in bursts: mostly 0, sometimes a shower. */
  | 'bursts';

export interface DemoTopic {
  topic: string;
  kind: DemoKind;
  min: number;
  max: number;
  every: number;
  decimals: number;
  periodH?: number;
  /** Sum of these topics instead of a generator of its own. */
  sumOf?: string[];
}

export const DISTRICTS = [
  'tp-ca-mau', 'u-minh', 'thoi-binh', 'tran-van-thoi', 'cai-nuoc', 'dam-doi', 'nam-can', 'phu-tan', 'ngoc-hien',
] as const;

const DAILY = 600; // daily-deadline topics: republished every 10 minutes in the demo
type Row = [topic: string, kind: DemoKind, min: number, max: number, every: number, decimals?: number, periodH?: number];

const ROWS: Row[] = [
  ['sonla.budget.disbursement-rate', 'level', 55, 70, DAILY, 1],
  ['sonla.citizen-feedback.resolved-rate', 'level', 75, 98, DAILY, 1],
  ['sonla.e-documents.digital-signature-rate', 'level', 85, 99, DAILY, 1],
  ['sonla.education.attendance-rate', 'level', 93, 99, DAILY, 1],
  ['sonla.health.patient-visits', 'level', 5000, 12000, DAILY],
  ['sonla.public-administration.files-overdue', 'level', 0, 40, DAILY],
  ['sonla.public-administration.files-received', 'level', 800, 2000, DAILY],
  ['sonla.public-administration.files-resolved', 'level', 700, 1900, DAILY],
  ['sonla.public-administration.on-time-rate', 'level', 92, 99.5, DAILY, 1],
  ['sonla.security-traffic.cameras-online-rate', 'level', 85, 100, DAILY, 1],
  ['sonla.socio-economy.grdp-growth', 'level', 6.5, 8.5, DAILY, 2],
  ['sonla.tourism.visitors', 'level', 3000, 25000, DAILY],
  ['camau.hotline-1022.calls', 'level', 0, 80, 30],
  ['camau.public-service.files-by-district', 'districts', 0, 400, 60],
  ['danang.on-site-report.environment', 'count', 0, 40, 60],
  ['danang.on-site-report.infrastructure', 'count', 0, 30, 60],
  ['danang.on-site-report.public-security', 'count', 0, 20, 60],
  ['danang.on-site-report.traffic', 'count', 0, 60, 60],
  ['danang.on-site-report.urban-order', 'count', 0, 50, 60],
  ['danang.public-service.files-received', 'level', 50, 600, 60],
  ['danang.public-service.files-resolved', 'level', 40, 550, 60],
  ['khanhhoa.public-service.online-rate', 'level', 40, 90, 120, 1],
  ['khanhhoa.public-service.portal-visits', 'level', 200, 5000, 60],
  ['traffic.cameras.ca-mau.online-rate', 'level', 85, 100, 10, 1],
  ['traffic.congestion.ca-mau.points', 'level', 0, 6, 5],
  ['traffic.flow.ca-mau.ly-thuong-kiet', 'rush', 200, 1800, 2],
  ['traffic.flow.ca-mau.nguyen-tat-thanh', 'rush', 300, 2200, 2],
  ['traffic.flow.ca-mau.ql1-tac-van', 'rush', 400, 3000, 2],
  ['traffic.flow.ca-mau.ql63-thoi-binh', 'rush', 150, 1200, 2],
  ['traffic.flow.ca-mau.total', 'rush', 3000, 15000, 2],
  ['traffic.flow.ca-mau.tran-hung-dao', 'rush', 300, 2500, 2],
  ['traffic.flow.da-nang.cau-rong', 'rush', 1000, 6000, 2],
  ['traffic.flow.da-nang.cau-song-han', 'rush', 800, 5000, 2],
  ['traffic.incidents.ca-mau.breakdown', 'count', 0, 6, 20],
  ['traffic.incidents.ca-mau.by-district', 'districts', 0, 5, 30],
  ['traffic.incidents.ca-mau.collision', 'count', 0, 8, 20],
  ['traffic.incidents.ca-mau.obstruction', 'count', 0, 4, 20],
  ['traffic.incidents.ca-mau.road-flooding', 'count', 0, 5, 20],
  ['traffic.incidents.ca-mau.total', 'count', 0, 15, 20],
  ['traffic.speed.ca-mau.average', 'speed', 15, 45, 3, 1],
  ['traffic.speed.ca-mau.nguyen-tat-thanh', 'speed', 8, 50, 3, 1],
  ['traffic.speed.ca-mau.ql1-tac-van', 'speed', 20, 70, 3, 1],
  ['traffic.speed.ca-mau.ql63-thoi-binh', 'speed', 20, 65, 3, 1],
  ['traffic.speed.ca-mau.tran-hung-dao', 'speed', 8, 45, 3, 1],
  ['traffic.speed.da-nang.nguyen-van-linh', 'speed', 10, 45, 3, 1],
  ['traffic.violations.ca-mau.no-helmet', 'count', 0, 100, 20],
  ['traffic.violations.ca-mau.red-light', 'count', 0, 150, 20],
  ['traffic.violations.ca-mau.speeding', 'count', 0, 250, 20],
  ['traffic.violations.ca-mau.total', 'count', 0, 600, 20],
  ['traffic.violations.ca-mau.wrong-lane', 'count', 0, 120, 20],
  ['environment.aqi.ca-mau.nam-can', 'level', 15, 110, 60],
  ['environment.aqi.ca-mau.song-doc', 'level', 15, 120, 60],
  ['environment.aqi.ca-mau.tp-ca-mau', 'level', 20, 160, 60],
  ['environment.forest-fire-level.u-minh-ha', 'level', 1, 5, 300],
  ['environment.pm25.ca-mau.nam-can', 'level', 5, 45, 60, 1],
  ['environment.pm25.ca-mau.song-doc', 'level', 5, 50, 60, 1],
  ['environment.pm25.ca-mau.tp-ca-mau', 'level', 8, 70, 60, 1],
  ['environment.salinity.ca-mau.song-ganh-hao', 'level', 0.5, 12, 120, 1],
  ['security.calls-113.ca-mau', 'level', 2, 40, 30],
  ['security.incidents.ca-mau.drowning', 'count', 0, 2, 30],
  ['security.incidents.ca-mau.fire', 'count', 0, 3, 30],
  ['security.incidents.ca-mau.public-disorder', 'count', 0, 6, 30],
  ['security.incidents.ca-mau.theft', 'count', 0, 8, 30],
  ['security.incidents.ca-mau.total', 'count', 0, 20, 30],
  ['epidemic.cases.ca-mau.dengue', 'level', 5, 150, DAILY],
  ['epidemic.cases.ca-mau.hand-foot-mouth', 'level', 0, 80, DAILY],
  ['epidemic.cases.ca-mau.influenza', 'level', 10, 200, DAILY],
  ['epidemic.cases.ca-mau.measles', 'level', 0, 20, DAILY],
  ['epidemic.dengue.ca-mau.by-district', 'districts', 0, 30, DAILY],
  ['epidemic.dengue.ca-mau.daily-cases', 'level', 0, 25, DAILY],
  ['warnings.active.ca-mau.by-district', 'districts', 0, 10, 10], // from the demo's open alerts
  ['flood.embankment.ca-mau.breaches', 'level', 0, 6, 120],
  ['flood.evacuation.ca-mau.households', 'level', 0, 3000, 120],
  ['flood.evacuation.da-nang.households', 'level', 0, 5000, 120],
  ['flood.inundation.ca-mau.by-district', 'districts', 0, 500, 120],
  ['flood.inundation.ca-mau.total', 'level', 0, 2500, 120], // the sum of the districts
  ['flood.rain-rate.tp-ca-mau', 'bursts', 0, 60, 10, 1],
  ['flood.rainfall.da-nang', 'level', 0, 300, 120, 1],
  ['flood.rainfall.dam-doi', 'level', 0, 150, 120, 1],
  ['flood.rainfall.nam-can', 'level', 0, 150, 120, 1],
  ['flood.rainfall.thoi-binh', 'level', 0, 150, 120, 1],
  ['flood.rainfall.tp-ca-mau', 'level', 0, 150, 120, 1],
  ['flood.rainfall.tran-van-thoi', 'level', 0, 150, 120, 1],
  ['flood.rainfall.u-minh', 'level', 0, 150, 120, 1],
  ['flood.reservoir.hoa-trung.storage-rate', 'level', 40, 100, 120, 1],
  ['flood.shelters.ca-mau.open', 'level', 0, 40, 120],
  ['flood.water-level.song-cam-le', 'level', 0.2, 3.5, 30, 2],
  ['flood.water-level.song-cu-de', 'level', 0.3, 3.0, 30, 2],
  ['flood.water-level.song-cua-lon', 'tide', -1.2, 1.6, 10, 2, 12.42],
  ['flood.water-level.song-ganh-hao', 'tide', -0.6, 1.2, 10, 2, 12.42],
  ['flood.water-level.song-ong-doc', 'tide', -0.5, 1.1, 10, 2, 24.84],
  ['flood.water-level.song-trem', 'tide', -0.3, 0.9, 10, 2, 18],
  ['emergency.calls.per-minute', 'level', 0, 30, 10],
  ['emergency.casualties.injured', 'count', 0, 20, 30],
  ['emergency.casualties.missing', 'level', 0, 3, 60],
  ['emergency.evacuees.by-district', 'districts', 0, 2000, 30],
  ['emergency.evacuees.total', 'count', 0, 10000, 30],
  ['emergency.incident.elapsed-minutes', 'elapsed', 0, 600, 15],
  ['emergency.personnel.fire-rescue', 'level', 0, 300, 30],
  ['emergency.personnel.medical', 'level', 0, 200, 30],
  ['emergency.personnel.military', 'level', 0, 800, 30],
  ['emergency.personnel.on-duty', 'level', 0, 2000, 30], // the sum of the forces
  ['emergency.personnel.police', 'level', 0, 600, 30],
  ['emergency.personnel.volunteers', 'level', 0, 500, 30],
  ['emergency.resources.ambulances', 'level', 0, 20, 10],
  ['emergency.resources.fire-trucks', 'level', 0, 15, 10],
  ['emergency.resources.rescue-boats', 'level', 0, 30, 10],
  ['emergency.resources.shelters', 'level', 0, 60, 30],
  ['emergency.shelters.occupancy-rate', 'level', 0, 100, 30, 1],
];

const SUMS: Record<string, string[]> = {
  'emergency.personnel.on-duty': [
    'emergency.personnel.fire-rescue', 'emergency.personnel.medical', 'emergency.personnel.military',
    'emergency.personnel.police', 'emergency.personnel.volunteers',
  ],
  'flood.inundation.ca-mau.total': ['flood.inundation.ca-mau.by-district'],
};

export const DEMO_TOPICS: readonly DemoTopic[] = ROWS.map(([topic, kind, min, max, every, decimals = 0, periodH]) => ({
  topic,
  kind,
  min,
  max,
  every,
  decimals,
  ...(periodH !== undefined ? { periodH } : {}),
  ...(SUMS[topic] ? { sumOf: SUMS[topic] } : {}),
}));
