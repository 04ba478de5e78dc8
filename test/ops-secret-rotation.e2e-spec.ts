// Rotating JWT_SECRET across instances without signing anyone out (issue #20, item 7; README, "Rotating secrets").
import { TEST_SECRETS_KEYS } from './support/test-secrets.js';
import { ConfigError, loadConfig } from '../src/config/app-config.js';
import { TokenService } from '../src/identity/token.service.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const tokens = (env: Record<string, string>) => new TokenService(loadConfig({ NODE_ENV: 'production', SECRETS_KEYS: TEST_SECRETS_KEYS, ...env }));
const claims = { sub: '3f0a3d1e-5a6b-4c7d-8e9f-0a1b2c3d4e5f', sid: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b' };

describe('JWT key rotation with JWT_ACCEPTED_SECRETS', () => {
  const before = tokens({ JWT_SECRET: A });
  const phase1 = tokens({ JWT_SECRET: A, JWT_ACCEPTED_SECRETS: B }); // accept the new key everywhere first
  const phase2 = tokens({ JWT_SECRET: B, JWT_ACCEPTED_SECRETS: A }); // then sign with it, still accepting the old
  const after = tokens({ JWT_SECRET: B }); // an access-token lifetime later, drop the old

  it('at each step of a rolling rotation every instance still in service accepts the tokens of the others', async () => {
    const fromBefore = (await before.issue(claims)).token;
    const fromPhase1 = (await phase1.issue(claims)).token;
    const fromPhase2 = (await phase2.issue(claims)).token;
    // Step 1 (before + phase1 running): both sign with A.
    expect(await phase1.verify(fromBefore)).toEqual({ ok: true, claims });
    expect(await before.verify(fromPhase1)).toEqual({ ok: true, claims });
    // Step 2 (phase1 + phase2 running): tokens signed with B are accepted by phase1, and A's by phase2.
    expect(await phase1.verify(fromPhase2)).toEqual({ ok: true, claims });
    expect(await phase2.verify(fromPhase1)).toEqual({ ok: true, claims });
    // Step 3: the old key is gone.
    expect(await after.verify(fromPhase2)).toEqual({ ok: true, claims });
    expect(await after.verify(fromPhase1)).toEqual({ ok: false, reason: 'The access token is not valid. Sign in again.' });
    // Skipping step 1 is what the overlap prevents: an instance that only knows A refuses B's tokens.
    expect(await before.verify(fromPhase2)).toEqual({ ok: false, reason: 'The access token is not valid. Sign in again.' });
  });

  it('never signs with an accepted key, and refuses a key it was not given', async () => {
    const other = tokens({ JWT_SECRET: 'c'.repeat(40) });
    expect(await phase1.verify((await other.issue(claims)).token)).toEqual({ ok: false, reason: 'The access token is not valid. Sign in again.' });
    expect(await after.verify((await phase1.issue(claims)).token)).toMatchObject({ ok: false });
  });

  it('refuses a short accepted key at start, naming the variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', SECRETS_KEYS: TEST_SECRETS_KEYS, JWT_SECRET: A, JWT_ACCEPTED_SECRETS: `${B},short` })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', SECRETS_KEYS: TEST_SECRETS_KEYS, JWT_SECRET: A, JWT_ACCEPTED_SECRETS: `${B},short` })).toThrow(/JWT_ACCEPTED_SECRETS must be comma-separated keys of at least 32 characters each/);
  });
});
