import { loadConfig } from '../config/app-config.js';
import { SecretBox } from './secret-box.js';

const key = (id: string, fill: number) => `${id}:${Buffer.alloc(32, fill).toString('base64')}`;
const box = (keys?: string) => new SecretBox(loadConfig({ NODE_ENV: 'test', ...(keys ? { SECRETS_KEYS: keys } : {}) }));

describe('SecretBox', () => {
  it('seals with the first key (a fresh nonce each time) and opens what it sealed', () => {
    const b = box(key('k1', 1));
    const one = b.seal('JBSWY3DPEHPK3PXP');
    const two = b.seal('JBSWY3DPEHPK3PXP');
    expect(one).toMatch(/^sealed:v1:k1:[A-Za-z0-9_-]+$/);
    expect(one).not.toBe(two);
    expect(b.open(one)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('opens with any key of the ring, refuses a key it no longer holds, and refuses tampering', () => {
    const old = box(key('k1', 1)).seal('secret');
    expect(box(`${key('k2', 2)},${key('k1', 1)}`).open(old)).toBe('secret');
    expect(() => box(key('k2', 2)).open(old)).toThrow(/the server is missing the key "k1"/);
    // The key id is authenticated: relabelling a value under another id of the ring fails.
    expect(() => box(`${key('k2', 1)},${key('k1', 1)}`).open(old.replace(':k1:', ':k2:'))).toThrow();
    const flipped = old.slice(0, -2) + (old.at(-2) === 'A' ? 'B' : 'A') + old.slice(-1);
    expect(() => box(key('k1', 1)).open(flipped)).toThrow();
  });

  it('names the key a value is sealed with, and the one the ring no longer holds', () => {
    const old = box(key('k1', 1)).seal('secret');
    const ring = box(`${key('k2', 2)},${key('k1', 1)}`);
    expect(ring.currentKeyId).toBe('k2');
    expect(ring.sealedWith(old)).toBe('k1');
    expect(ring.sealedWith('whsec_clear')).toBeNull();
    expect(ring.missingKey(old)).toBeNull();
    expect(ring.missingKey('whsec_clear')).toBeNull();
    expect(box(key('k3', 3)).missingKey(old)).toBe('k1');
  });

  it('reads a value stored before sealing as it is, and falls back to the development key without SECRETS_KEYS', () => {
    expect(box(key('k1', 1)).open('JBSWY3DPEHPK3PXP')).toBe('JBSWY3DPEHPK3PXP');
    const dev = box().seal('x');
    expect(dev).toMatch(/^sealed:v1:dev:/);
    expect(box().open(dev)).toBe('x');
  });
});
