import { createHmac, timingSafeEqual } from 'node:crypto';

/** How old a signed timestamp a receiver should accept, in seconds (README, "Outbound webhooks"). */
export const REPLAY_WINDOW_SECONDS = 300;

/** HMAC-SHA256 of `${timestamp}.${body}` with the secret, hex. */
export function signature(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * The X-PCP-Signature header: `t=<unix seconds>,v1=<hex>` and, while a rotated-out secret overlaps, a second
 * `v1=` made with it, so a receiver holding either secret verifies.
 */
export function signatureHeader(secrets: readonly string[], timestamp: number, body: string): string {
  return [`t=${timestamp}`, ...secrets.map((s) => `v1=${signature(s, timestamp, body)}`)].join(',');
}

/**
 * What a receiver does (and what the README shows): true when one v1 matches and the timestamp is within the
 * replay window of `now`.
 */
export function verifySignature(header: string, body: string, secret: string, now = Date.now() / 1000, windowSeconds = REPLAY_WINDOW_SECONDS): boolean {
  const parts = header.split(',').map((p) => p.trim().split('='));
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  if (!Number.isInteger(t) || Math.abs(now - t) > windowSeconds) return false;
  const expected = Buffer.from(signature(secret, t, body), 'hex');
  return parts.some(([k, v]) => k === 'v1' && v !== undefined && v.length === expected.length * 2 && timingSafeEqual(Buffer.from(v, 'hex'), expected));
}
