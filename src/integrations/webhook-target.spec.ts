import { isPrivateAddress, urlProblem } from './webhook-target.js';

describe('webhook targets (server-side request forgery)', () => {
  it('knows the addresses inside a network', () => {
    for (const a of ['127.0.0.1', '10.0.0.8', '172.20.1.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1']) {
      expect([a, isPrivateAddress(a)]).toEqual([a, true]);
    }
    for (const a of ['8.8.8.8', '193.0.6.139', '2001:4860:4860::8888', '::ffff:8.8.8.8']) expect([a, isPrivateAddress(a)]).toEqual([a, false]);
  });

  it('accepts public http(s) URLs and explains every refusal', () => {
    expect(urlProblem('https://training.example.org/pcp-hook', false)).toBeNull();
    expect(urlProblem('http://127.0.0.1:9000/hook', true)).toBeNull();
    expect(urlProblem('not a url', false)).toBe('url must be an absolute http:// or https:// URL, e.g. https://training.example.org/pcp-hook.');
    expect(urlProblem('file:///etc/passwd', false)).toBe('url must use http:// or https://, not file://.');
    expect(urlProblem('https://user:pw@example.org/', false)).toBe('url must not carry a user name or password; the signature authenticates the portal.');
    expect(urlProblem('http://localhost:3000/', false)).toMatch(/points inside the network \(localhost\)/);
    expect(urlProblem('http://[fd00::1]/', false)).toMatch(/points inside the network \(fd00::1\)/);
  });
});
