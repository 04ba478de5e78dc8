import { ConfigError, loadConfig } from './app-config.js';

describe('TRUST_PROXY', () => {
  it('trusts no proxy by default, in production too', () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), SECRETS_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}` }).trustedProxies).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: ' ' }).trustedProxies).toEqual([]);
  });

  it('reads a comma-separated list of addresses, CIDR ranges and proxy-addr range names', () => {
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 172.16.0.0/12,fd00::/8 ,::1,loopback' }).trustedProxies).toEqual(['10.0.0.5', '172.16.0.0/12', 'fd00::/8', '::1', 'loopback']);
  });

  it.each(['1', 'true', 'proxy.example.org', '10.0.0.0/33', '10.0.0.0/8/1', '::1/129', '10.0.0.300'])('refuses %s with a message saying what to write', (value) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY=.*comma-separated list of IP addresses or CIDR ranges/);
  });
});
