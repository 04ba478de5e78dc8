import { createHmac } from 'node:crypto';
import { signatureHeader, verifySignature } from './webhook-signature.js';

describe('webhook signatures', () => {
  const body = '{"id":"e1","type":"REQUEST_SUBMITTED"}';

  it('signs `${timestamp}.${body}` with HMAC-SHA256, one v1 per secret', () => {
    const header = signatureHeader(['whsec_new', 'whsec_old'], 1_700_000_000, body);
    const expected = (s: string) => createHmac('sha256', s).update(`1700000000.${body}`).digest('hex');
    expect(header).toBe(`t=1700000000,v1=${expected('whsec_new')},v1=${expected('whsec_old')}`);
  });

  it('verifies with either secret inside the replay window, and refuses outside it or with a changed body', () => {
    const header = signatureHeader(['whsec_new', 'whsec_old'], 1_700_000_000, body);
    expect(verifySignature(header, body, 'whsec_old', 1_700_000_100)).toBe(true);
    expect(verifySignature(header, body, 'whsec_new', 1_700_000_300)).toBe(true);
    expect(verifySignature(header, body, 'whsec_new', 1_700_000_301)).toBe(false);
    expect(verifySignature(header, `${body} `, 'whsec_new', 1_700_000_000)).toBe(false);
    expect(verifySignature(header, body, 'whsec_other', 1_700_000_000)).toBe(false);
    expect(verifySignature('v1=abc', body, 'whsec_new', 1_700_000_000)).toBe(false);
  });
});
