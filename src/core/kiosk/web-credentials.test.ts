import { describe, expect, it } from 'vitest';
import { credentialFileModeProblem, declaredWebCredentials, parseWebCredentials, signInPlan, withSignIn } from './web-credentials.js';

const SECRET = 's3cr€t-do-not-print';

describe('parseWebCredentials', () => {
  it('reads the three kinds of the contract', () => {
    const { secrets, problems } = parseWebCredentials(JSON.stringify({
      grafana: { username: 'wall', password: SECRET },
      api: { header: 'X-Api-Key', value: 'k1' },
      portal: { cookie: 'grafana_session', value: 'abc123' },
    }));
    expect(problems).toEqual([]);
    expect(secrets).toEqual({
      grafana: { kind: 'basic', username: 'wall', password: SECRET },
      api: { kind: 'header', header: 'X-Api-Key', value: 'k1' },
      portal: { kind: 'cookie', cookie: 'grafana_session', value: 'abc123' },
    });
  });

  it('names what is wrong without ever quoting a secret', () => {
    const bad = parseWebCredentials(`{"grafana": {"username": "wall", "password": "${SECRET}"`);
    expect(bad).toEqual({ secrets: {}, problems: ['is not valid JSON'] });
    const entries = parseWebCredentials(JSON.stringify({
      a: { username: 'wall' },
      b: { header: 'Host', value: SECRET },
      c: { header: 'X-Key', value: `${SECRET}\r\nX-Evil: 1` },
      d: { cookie: 'sid', value: `${SECRET}; other=1` },
      e: [],
      f: { token: SECRET },
      ok: { header: 'X-Key', value: 'v' },
    }));
    expect(Object.keys(entries.secrets)).toEqual(['ok']);
    expect(entries.problems).toHaveLength(6);
    expect(entries.problems.join('\n')).not.toContain('s3cr');
    expect(parseWebCredentials('[]').problems).toEqual(['must be a JSON object of credentials by name']);
  });
});

describe('credentialFileModeProblem', () => {
  it('accepts 600 and 400, refuses anything group or others can read or write, naming the file', () => {
    expect(credentialFileModeProblem(0o100600, '/etc/x/web-credentials.json')).toBeNull();
    expect(credentialFileModeProblem(0o100400, 'f')).toBeNull();
    expect(credentialFileModeProblem(0o100644, '/home/wall/.config/wallrun/web-credentials.json')).toBe(
      '/home/wall/.config/wallrun/web-credentials.json: refused: other users can read or change it (mode 644); run chmod 600 /home/wall/.config/wallrun/web-credentials.json',
    );
    expect(credentialFileModeProblem(0o100640, 'f')).toContain('mode 640');
    expect(credentialFileModeProblem(0o100602, 'f')).toContain('mode 602');
  });
});

describe('declaredWebCredentials', () => {
  it('reads wall.yaml web.credentials defensively', () => {
    expect(declaredWebCredentials({ web: { credentials: { g: { origin: 'https://Grafana.example/', kind: 'basic' }, x: { origin: 1, kind: 'basic' }, y: { origin: 'https://a', kind: 'oauth' } } } }))
      .toEqual({ g: { origin: 'https://grafana.example', kind: 'basic' } });
    expect(declaredWebCredentials({})).toEqual({});
    expect(declaredWebCredentials(null)).toEqual({});
  });
});

describe('signInPlan and withSignIn', () => {
  const declared = {
    grafana: { origin: 'https://grafana.example', kind: 'basic' as const },
    portal: { origin: 'https://portal.example', kind: 'cookie' as const },
    nosecret: { origin: 'https://other.example', kind: 'header' as const },
  };

  it('gives each origin its headers, and says which credential has no secret', () => {
    const plan = signInPlan(declared, {
      grafana: { kind: 'basic', username: 'wall', password: 'pw' },
      portal: { kind: 'cookie', cookie: 'sid', value: 'abc' },
    });
    expect(plan.get('https://grafana.example')).toEqual({ headers: { Authorization: `Basic ${Buffer.from('wall:pw').toString('base64')}` }, missing: [] });
    expect(plan.get('https://portal.example')).toEqual({ headers: { Cookie: 'sid=abc' }, missing: [] });
    expect(plan.get('https://other.example')).toEqual({ headers: {}, missing: ['credential "nosecret": not in web-credentials.json'] });
  });

  it('a secret of the wrong kind, or a refused file, leaves the credential missing with the reason', () => {
    const plan = signInPlan({ grafana: declared.grafana }, { grafana: { kind: 'header', header: 'X-Key', value: 'v' } });
    expect(plan.get('https://grafana.example')?.missing).toEqual(['credential "grafana": web-credentials.json gives a header secret, wall.yaml declares basic']);
    const refused = signInPlan({ grafana: declared.grafana }, 'f: refused: other users can read or change it (mode 644); run chmod 600 f');
    expect(refused.get('https://grafana.example')).toEqual({ headers: {}, missing: ['credential "grafana": f: refused: other users can read or change it (mode 644); run chmod 600 f'] });
  });

  it('basic auth is UTF-8 base64; a cookie joins the request cookies; a header replaces its namesake', () => {
    const plan = signInPlan({ grafana: declared.grafana }, { grafana: { kind: 'basic', username: 'tường', password: 'mật' } });
    expect(plan.get('https://grafana.example')?.headers.Authorization).toBe(`Basic ${Buffer.from('tường:mật').toString('base64')}`);
    expect(withSignIn({ cookie: 'theme=dark', accept: '*/*' }, { Cookie: 'sid=abc' })).toEqual({ cookie: 'theme=dark; sid=abc', accept: '*/*' });
    expect(withSignIn({ authorization: 'Bearer x' }, { Authorization: 'Basic y' })).toEqual({ Authorization: 'Basic y' });
  });
});

describe('basic credentials encoding', () => {
  it('is base64 of UTF-8, padded, for every length and plane', () => {
    for (const [user, pw] of [['a', ''], ['ab', 'c'], ['wall', 'pw'], ['tường', 'mật khẩu'], ['x', '😀€'], ['', '']]) {
      const plan = signInPlan({ c: { origin: 'https://o', kind: 'basic' } }, { c: { kind: 'basic', username: user!, password: pw! } });
      expect(plan.get('https://o')?.headers.Authorization).toBe(`Basic ${Buffer.from(`${user}:${pw}`, 'utf8').toString('base64')}`);
    }
  });
});
