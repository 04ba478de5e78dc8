import { jest } from '@jest/globals';
import { loadConfig } from '../config/app-config.js';
import { TokenService } from './token.service.js';

const claims = { sub: '3f0a3d1e-5a6b-4c7d-8e9f-0a1b2c3d4e5f', sid: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b' };
const NOT_VALID = { ok: false, reason: 'The access token is not valid. Sign in again.' };

describe('TokenService: remembered verifications', () => {
  afterEach(() => jest.useRealTimers());

  it('accepts a token again from memory, but never a tampered one, and stops at its expiry', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const tokens = new TokenService(loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'k'.repeat(40), ACCESS_TOKEN_TTL_SECONDS: '60' }));
    const { token } = await tokens.issue(claims);
    expect(await tokens.verify(token)).toEqual({ ok: true, claims });
    expect(await tokens.verify(token)).toEqual({ ok: true, claims });
    // The signature of a token with one character changed is checked, not looked up.
    const [header, payload, signature] = token.split('.');
    const tampered = `${header}.${payload}.${signature!.startsWith('A') ? 'B' : 'A'}${signature!.slice(1)}`;
    expect(await tokens.verify(tampered)).toEqual(NOT_VALID);
    // Past its expiry (and jose's 5 s tolerance) the remembered token is refused like any expired one.
    jest.setSystemTime(Date.now() + 66_000);
    expect(await tokens.verify(token)).toEqual({ ok: false, reason: 'The access token has expired. Refresh the session or sign in again.' });
  });

  it('remembers per key: an instance with another secret refuses what this one accepted', async () => {
    const a = new TokenService(loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'a'.repeat(40) }));
    const b = new TokenService(loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'b'.repeat(40) }));
    const { token } = await a.issue(claims);
    expect(await a.verify(token)).toEqual({ ok: true, claims });
    expect(await b.verify(token)).toEqual(NOT_VALID);
  });
});
