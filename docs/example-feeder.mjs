#!/usr/bin/env node
// An example integration for the wallrun hub's REST API (docs/protocol.md, "REST API"): a hydrology
// station that publishes water levels and rainfall, and raises a flood alert when the Gành Hào river
// passes alarm level I. Plain Node ≥ 18 (built-in fetch), no dependencies: copy it and adapt it.
//
//   WALLRUN_TOKEN=<integration token> NODE_EXTRA_CA_CERTS=<the hub's CA file> \
//     node docs/example-feeder.mjs [--hub https://127.0.0.1:7400] [--rounds 3] [--interval-ms 2000] [--clear]
//
// Active and standby hubs (docs/scaling.md): `--hub` takes them all, comma-separated. A standby
// answers 503 `not-leader` naming the leader, and did nothing: the call goes to the leader named
// when it is one of the list, else to the next hub; a hub out of reach also sends it to the next.
//
// The hub answers over TLS only (docs/security.md): Node's fetch trusts the hub's CA through
// NODE_EXTRA_CA_CERTS (`wallrun hub --demo` prints its demo CA's path, and an integration token).
// Exit code 0 when every call succeeded.

import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    hub: { type: 'string', default: process.env.WALLRUN_HUB ?? 'https://127.0.0.1:7400' },
    token: { type: 'string', default: process.env.WALLRUN_TOKEN ?? '' },
    rounds: { type: 'string', default: '3' },
    'interval-ms': { type: 'string', default: '2000' },
    clear: { type: 'boolean', default: false },
  },
});
if (!args.token) {
  console.error('example-feeder: set WALLRUN_TOKEN (or --token) to an integration token of the hub');
  process.exit(2);
}
const hubs = args.hub.split(',').map((u) => u.trim().replace(/\/+$/, '')).filter(Boolean);
let hub = hubs[0];
const ALARM_1_M = 1.0; // demo alarm level I for the Gành Hào river at Cà Mau station (metres)

/**
 * One REST call; throws with the hub's error (code, message, details) when it fails. With several
 * hubs it moves to the leader a standby names, or to the next hub, going round the list once.
 */
async function call(method, path, body) {
  let res;
  let json;
  for (let tries = 0; ; tries++) {
    try {
      res = await fetch(`${hub}${path}`, {
        method,
        headers: { Authorization: `Bearer ${args.token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
    } catch (e) {
      if (tries >= hubs.length) throw e;
      hub = hubs[(hubs.indexOf(hub) + 1) % hubs.length];
      continue;
    }
    json = await res.json().catch(() => ({}));
    if (res.status !== 503 || json.error?.code !== 'not-leader' || tries >= hubs.length) break;
    const leader = typeof json.leader === 'string' ? json.leader.replace(/\/+$/, '') : null;
    hub = leader && hubs.includes(leader) ? leader : hubs[(hubs.indexOf(hub) + 1) % hubs.length];
  }
  if (!res.ok) {
    const e = json.error ?? {};
    throw new Error(`${method} ${path}: ${res.status} ${e.code ?? ''} ${e.message ?? ''}${e.details ? `\n  ${e.details.join('\n  ')}` : ''}`);
  }
  return json;
}

const who = await call('GET', '/api');
console.log(`connected to ${hub} as "${who.name}" (${who.role}), protocol ${who.protocol}`);

let alertId = null;
const rounds = Number(args.rounds);
for (let round = 0; round < rounds; round++) {
  // A rising tide: the level passes alarm level I in the last round.
  const level = Number((0.7 + (0.4 * (round + 1)) / rounds).toFixed(2));
  const rainfall = Number((20 + 15 * round + Math.random() * 5).toFixed(1));
  const t = Date.now();
  // One batch, all or nothing: `t` is when the station measured (optional; the hub uses its clock otherwise).
  const published = await call('POST', '/api/data', {
    updates: [
      { topic: 'flood.water-level.song-ganh-hao', value: level, t },
      { topic: 'flood.rainfall.tp-ca-mau', value: rainfall, t },
      { topic: 'flood.inundation.ca-mau.by-district', value: { 'tp-ca-mau': 40 + 10 * round, 'u-minh': 12, 'dam-doi': 0 }, t },
    ],
  });
  console.log(`round ${round + 1}: Gành Hào ${level} m, rain ${rainfall} mm → accepted ${published.accepted}`);

  if (level >= ALARM_1_M && !alertId) {
    // A stable id makes a repeated raise safe: raising an open id again updates it.
    const { alert } = await call('POST', '/api/alerts', {
      id: `ganh-hao-bd1-${new Date(t).toISOString().slice(0, 10)}`,
      severity: 'minor',
      sector: 'flood',
      area: 'Sông Gành Hào, trạm Cà Mau',
      title: `Mực nước sông Gành Hào vượt báo động I (${level.toFixed(2)} m)`,
      message: 'Triều cường kết hợp mưa. Theo dõi các tuyến đê bao và khu dân cư ven sông.',
    });
    alertId = alert.id;
    console.log(`raised alert ${alert.id} (${alert.severity}, ${alert.state}): ${alert.title}`);
  }
  if (round < rounds - 1) await new Promise((r) => setTimeout(r, Number(args['interval-ms'])));
}

if (alertId) {
  const { alert } = await call('PATCH', `/api/alerts/${encodeURIComponent(alertId)}`, {
    message: 'Đã thông báo các xã ven sông; lực lượng địa phương đang gia cố bờ bao.',
  });
  console.log(`updated alert ${alert.id}: ${alert.message}`);
  if (args.clear) {
    const cleared = await call('POST', `/api/alerts/${encodeURIComponent(alertId)}/clear`, { reason: 'Mực nước đã xuống dưới báo động I' });
    console.log(`cleared alert ${cleared.alert.id}`);
  }
}
const open = await call('GET', '/api/alerts?state=open&sector=flood');
console.log(`open flood alerts on the hub: ${open.alerts.length}`);
