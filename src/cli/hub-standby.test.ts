import { describe, expect, it } from 'vitest';
import { hubCommand } from './hub.js';
import { advertiseUrlProblem } from './hub-standby.js';

describe('wallrun hub --advertise-url (one hub of an active/standby group)', () => {
  it('takes an http(s) URL of the scheme the hub serves, and says what is wrong otherwise', () => {
    expect(advertiseUrlProblem('https://hub-a.ioc.example:7400', true)).toBeNull();
    expect(advertiseUrlProblem('http://10.0.0.5:7400/', false)).toBeNull();
    expect(advertiseUrlProblem('hub-a:7400', true)).toBe('--advertise-url "hub-a:7400" is not an http(s) URL without credentials (e.g. https://hub-a.ioc.example:7400)');
    expect(advertiseUrlProblem('https://u:p@hub-a:7400', true)).toMatch(/not an http\(s\) URL without credentials/);
    expect(advertiseUrlProblem('http://hub-a:7400', true)).toBe('--advertise-url is http:// but the hub serves HTTPS');
    expect(advertiseUrlProblem('https://hub-a:7400', false)).toBe('--advertise-url is https:// but the hub serves plain HTTP (--insecure)');
  });

  it('refuses --advertise-url without a PostgreSQL store, before starting anything', async () => {
    const lines: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((s: string) => (lines.push(String(s)), true)) as typeof process.stderr.write;
    let code: number;
    try {
      code = await hubCommand({ root: '/nonexistent-project', advertiseUrl: 'https://hub-a:7400', insecure: true });
    } finally {
      process.stderr.write = write;
    }
    expect(code).toBe(1);
    expect(lines).toHaveLength(1); // nothing loaded or started first
    expect(lines.join('')).toContain('--advertise-url runs the hub as one of an active/standby group, which needs the shared PostgreSQL: give --store postgres://… (or WALLRUN_STORE)');
  });
});
