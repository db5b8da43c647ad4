import { describe, expect, it } from 'vitest';
import { HubList } from './hub-list.js';

const A = 'https://hub-a:7400';
const B = 'https://hub-b:7400';
const C = 'https://hub-c:7400';

describe('HubList', () => {
  it('goes round the hubs in order on failures, each URL once whatever its trailing slash', () => {
    const hubs = new HubList([`${A}/`, B, ` ${A} `, C]);
    const seen = [hubs.current];
    for (let i = 0; i < 3; i++) {
      hubs.failed();
      seen.push(hubs.current);
    }
    expect(seen).toEqual([A, B, C, A]);
    expect(new HubList(`${A}//`).current).toBe(A);
    expect(() => new HubList([])).toThrow('no hub URL');
  });

  it('follows a standby to a leader of its list, never to another, and not round and round', () => {
    const hubs = new HubList([A, B, C]);
    expect(hubs.takeoverUnderWay).toBe(false);
    expect(hubs.notLeader(`${C}/`)).toEqual({ follow: true, reason: `not-leader: ${A} is a standby; the leader is ${C}` });
    expect(hubs.current).toBe(C);
    expect(hubs.takeoverUnderWay).toBe(true);
    expect(hubs.notLeader('https://elsewhere:7400')).toEqual({ follow: false, reason: `not-leader: ${C} is a standby and it names https://elsewhere:7400, which is not one of this wall's hubs` });
    expect(hubs.notLeader(C)).toEqual({ follow: false, reason: `not-leader: ${C} is a standby and the hubs name each other` });
    expect(hubs.notLeader(null).reason).toBe(`not-leader: ${C} is a standby and no hub leads at the moment`);
    // A and B naming each other: followed once per hub in the list, then not.
    const pair = new HubList([A, B]);
    expect(pair.notLeader(B).follow).toBe(true);
    expect(pair.notLeader(A).follow).toBe(true);
    expect(pair.notLeader(B).follow).toBe(false);
    pair.failed(); // on to B; a failure starts the count again
    expect(pair.current).toBe(B);
    expect(pair.notLeader(A).follow).toBe(true);
    pair.connected();
    expect(pair.takeoverUnderWay).toBe(false);
  });
});
