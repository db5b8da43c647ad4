import { describe, expect, it } from 'vitest';
import { leaderConsoleUrl } from './hub-group.js';

describe('the console in a group of hubs', () => {
  it('follows a not-leader refusal to the leader’s console', () => {
    expect(leaderConsoleUrl({ message: 'not-leader', data: { code: 'not-leader', leader: 'https://hub-b.ioc.example:7400' } })).toBe('https://hub-b.ioc.example:7400/console/');
    expect(leaderConsoleUrl({ message: 'not-leader', data: { code: 'not-leader', leader: 'http://10.0.0.6:7400/' } })).toBe('http://10.0.0.6:7400/console/');
  });

  it('stays when no leader is named, the URL is not http(s), or the refusal is another', () => {
    expect(leaderConsoleUrl({ message: 'not-leader', data: { code: 'not-leader', leader: null } })).toBeNull();
    expect(leaderConsoleUrl({ message: 'not-leader', data: { leader: 'javascript:alert(1)' } })).toBeNull();
    expect(leaderConsoleUrl({ message: 'not-leader', data: { leader: 'not a url' } })).toBeNull();
    expect(leaderConsoleUrl({ message: 'unauthorized', data: { leader: 'https://hub-b.ioc.example:7400' } })).toBeNull();
    expect(leaderConsoleUrl({ message: 'not-leader' })).toBeNull();
  });
});
