import { describe, expect, it } from 'vitest';
import { frameFailureVerdict, frameVerdict, originOf, webFrameStatusCommand, type ResponseHeaders } from './frame-response.js';

const SHELL_PAGE = 'http://127.0.0.1:4100/index.html?w=w1';
const KIOSK_PAGE = 'app://wall/index.html';
const GRAFANA = 'https://grafana.ioc.example/d/abc?kiosk';

const verdict = (headers: ResponseHeaders, page = SHELL_PAGE, url = GRAFANA, status = 200) => frameVerdict({ url, status, headers }, page);
const ancestors = (sources: string, page = SHELL_PAGE, url = GRAFANA) => verdict({ 'Content-Security-Policy': `default-src 'self'; frame-ancestors ${sources}` }, page, url);

describe('frameVerdict: framing headers', () => {
  it('shows a page without framing headers', () => {
    expect(verdict({ 'content-type': 'text/html' })).toBeNull();
  });

  it('refuses X-Frame-Options DENY in any case and spelling, as one value or several', () => {
    expect(verdict({ 'X-Frame-Options': 'DENY' })).toEqual({ status: 'refused', reason: 'X-Frame-Options: DENY' });
    expect(verdict({ 'x-frame-options': ' deny ' })?.reason).toBe('X-Frame-Options: DENY');
    expect(verdict({ 'x-frame-options': ['DENY', 'deny'] })?.reason).toBe('X-Frame-Options: DENY');
  });

  it('refuses SAMEORIGIN from another origin and allows it from the page origin', () => {
    expect(verdict({ 'x-frame-options': 'SAMEORIGIN' })).toEqual({ status: 'refused', reason: 'X-Frame-Options: SAMEORIGIN' });
    expect(verdict({ 'x-frame-options': 'SAMEORIGIN' }, SHELL_PAGE, 'http://127.0.0.1:4100/other.html')).toBeNull();
    // Default ports are the same origin whether spelled or not.
    expect(verdict({ 'x-frame-options': 'sameorigin' }, 'https://wall.example/', 'https://wall.example:443/x')).toBeNull();
  });

  it('refuses conflicting X-Frame-Options and ignores ALLOW-FROM and nonsense, as Chromium does', () => {
    expect(verdict({ 'x-frame-options': 'DENY, SAMEORIGIN' })?.status).toBe('refused');
    expect(verdict({ 'x-frame-options': 'ALLOW-FROM https://wall.example' })).toBeNull();
    expect(verdict({ 'x-frame-options': 'whatever' })).toBeNull();
  });

  it("refuses frame-ancestors 'none' and an empty list, naming the directive", () => {
    expect(ancestors("'none'")).toEqual({ status: 'refused', reason: "Content-Security-Policy: frame-ancestors 'none'" });
    expect(verdict({ 'content-security-policy': 'frame-ancestors' })?.reason).toBe("Content-Security-Policy: frame-ancestors 'none'");
  });

  it("'self' allows only a wall page of the frame's own origin", () => {
    expect(ancestors("'self'")?.reason).toBe("Content-Security-Policy: frame-ancestors 'self'");
    expect(ancestors("'self'", SHELL_PAGE, 'http://127.0.0.1:4100/dash')).toBeNull();
  });

  it('host sources: exact host, scheme, port, wildcard subdomain, path ignored', () => {
    expect(ancestors('http://127.0.0.1:4100')).toBeNull();
    // Without a scheme: the framed document's scheme (an https dashboard never allows an http page).
    expect(ancestors('127.0.0.1:4100')?.status).toBe('refused');
    expect(ancestors('127.0.0.1:4100', SHELL_PAGE, 'http://dash.local:3000/')).toBeNull();
    expect(ancestors('http://127.0.0.1:4101')?.status).toBe('refused');
    expect(ancestors('http://127.0.0.1:*')).toBeNull();
    expect(ancestors('https://wall.ioc.example', 'https://wall.ioc.example/')).toBeNull();
    expect(ancestors('https://*.ioc.example', 'https://wall.ioc.example/')).toBeNull();
    expect(ancestors('https://*.ioc.example', 'https://ioc.example/')?.status).toBe('refused');
    expect(ancestors('https://wall.ioc.example/some/path', 'https://wall.ioc.example/')).toBeNull();
    expect(ancestors('https://other.example https://wall.ioc.example', 'https://wall.ioc.example/')).toBeNull();
    // http sources allow their https upgrade, never the other way round.
    expect(ancestors('http://wall.ioc.example', 'https://wall.ioc.example/')).toBeNull();
    expect(ancestors('https://127.0.0.1:4100')?.status).toBe('refused');
  });

  it('scheme sources and *: network pages pass, the kiosk app:// page does not', () => {
    expect(ancestors('http:')).toBeNull();
    expect(ancestors('https:')?.status).toBe('refused');
    expect(ancestors('*')).toBeNull();
    expect(ancestors('*', KIOSK_PAGE)?.reason).toBe('Content-Security-Policy: frame-ancestors *');
    expect(ancestors('https:', KIOSK_PAGE)?.status).toBe('refused');
    expect(ancestors('app:', KIOSK_PAGE)).toBeNull();
    expect(ancestors('app://wall', KIOSK_PAGE)).toBeNull();
  });

  it('every enforced policy must allow the page; report-only never blocks', () => {
    expect(verdict({ 'content-security-policy': ['frame-ancestors *', "frame-ancestors 'none'"] })?.status).toBe('refused');
    expect(verdict({ 'content-security-policy': "frame-ancestors *, frame-ancestors 'self'" })?.status).toBe('refused');
    expect(verdict({ 'content-security-policy-report-only': "frame-ancestors 'none'" })).toBeNull();
  });

  it('frame-ancestors overrides X-Frame-Options (CSP3)', () => {
    expect(verdict({ 'x-frame-options': 'DENY', 'content-security-policy': 'frame-ancestors http://127.0.0.1:4100' })).toBeNull();
    expect(verdict({ 'x-frame-options': 'DENY', 'content-security-policy': "script-src 'self'" })?.reason).toBe('X-Frame-Options: DENY');
  });
});

describe('frameVerdict: status codes', () => {
  it('401 and 403 are a sign-in to renew; other ≥ 400 an HTTP error; redirects no verdict', () => {
    expect(verdict({}, SHELL_PAGE, GRAFANA, 401)).toEqual({ status: 'sign-in-expired', reason: 'HTTP 401' });
    expect(verdict({}, SHELL_PAGE, GRAFANA, 403)).toEqual({ status: 'sign-in-expired', reason: 'HTTP 403' });
    expect(verdict({}, SHELL_PAGE, GRAFANA, 404)).toEqual({ status: 'http-error', reason: 'HTTP 404' });
    expect(verdict({}, SHELL_PAGE, GRAFANA, 502)).toEqual({ status: 'http-error', reason: 'HTTP 502' });
    expect(verdict({ 'x-frame-options': 'DENY' }, SHELL_PAGE, GRAFANA, 302)).toBeNull();
  });
});

describe('frameFailureVerdict', () => {
  it('a network failure is unreachable, named by its net error', () => {
    expect(frameFailureVerdict('net::ERR_CONNECTION_REFUSED')).toEqual({ status: 'unreachable', reason: 'ERR_CONNECTION_REFUSED' });
    expect(frameFailureVerdict('ERR_NAME_NOT_RESOLVED')?.reason).toBe('ERR_NAME_NOT_RESOLVED');
  });
  it('aborted loads and refusals already decided are no verdict; the wall CSP is a refusal', () => {
    expect(frameFailureVerdict('net::ERR_ABORTED')).toBeNull();
    expect(frameFailureVerdict('net::ERR_BLOCKED_BY_RESPONSE')).toBeNull();
    expect(frameFailureVerdict('net::ERR_BLOCKED_BY_CSP')?.status).toBe('refused');
  });
});

describe('originOf and the command', () => {
  it('normalises case and default ports', () => {
    expect(originOf('HTTPS://Grafana.IOC.example:443/d/x')).toBe('https://grafana.ioc.example');
    expect(originOf('http://user:pw@127.0.0.1:8080/x')).toBe('http://127.0.0.1:8080');
    expect(originOf('data:text/html,x')).toBeNull();
  });
  it('builds the webFrameStatus command of the contract', () => {
    expect(webFrameStatusCommand(GRAFANA, { status: 'refused', reason: 'X-Frame-Options: DENY' })).toEqual({ type: 'webFrameStatus', url: GRAFANA, status: 'refused', reason: 'X-Frame-Options: DENY' });
  });
});
