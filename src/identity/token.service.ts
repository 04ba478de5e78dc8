import { Injectable } from '@nestjs/common';
import { errors, jwtVerify, SignJWT } from 'jose';
import { randomBytes } from 'node:crypto';
import { AppConfig } from '../config/app-config.js';

const ALGORITHM = 'HS256';
const TYPE = 'at+jwt';
/** Verified tokens remembered (until they expire); the map is emptied when it fills, never grown past this. */
const MAX_REMEMBERED_TOKENS = 10_000;

export interface AccessClaims {
  /** User id. */
  sub: string;
  /** Session (refresh family) id: revoking the session ends the token too. */
  sid: string;
}

export interface IssuedAccessToken {
  token: string;
  expiresAt: Date;
}

export type VerifyResult = { ok: true; claims: AccessClaims } | { ok: false; reason: string };

/**
 * Short-lived access tokens: HS256 only (the algorithm is pinned on verify, so `alg: none` or an
 * asymmetric-key confusion is refused), issuer, audience and type checked, 15 minutes by default.
 */
@Injectable()
export class TokenService {
  private readonly key: Uint8Array;
  /** JWT_ACCEPTED_SECRETS: verified too, never signed with (key rotation across instances). */
  private readonly acceptedKeys: Uint8Array[];
  /**
   * A signature checked once stays good until the token expires, and a client sends the same token with every
   * request for its lifetime: WebCrypto's HMAC check was the largest single cost of a signed-in request. The
   * session behind the token is still looked up on every request, so ending it still ends the token at once.
   */
  private readonly verified = new Map<string, { claims: AccessClaims; expiresAtMs: number }>();

  constructor(private readonly config: AppConfig) {
    this.key = config.JWT_SECRET ? new TextEncoder().encode(config.JWT_SECRET) : randomBytes(32);
    this.acceptedKeys = (config.JWT_ACCEPTED_SECRETS?.split(',') ?? []).map((k) => new TextEncoder().encode(k));
  }

  async issue(claims: AccessClaims): Promise<IssuedAccessToken> {
    const now = Math.floor(Date.now() / 1000);
    const exp = now + this.config.ACCESS_TOKEN_TTL_SECONDS;
    const token = await new SignJWT({ sid: claims.sid })
      .setProtectedHeader({ alg: ALGORITHM, typ: TYPE })
      .setSubject(claims.sub)
      .setIssuer(this.config.JWT_ISSUER)
      .setAudience(this.config.JWT_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  async verify(token: string): Promise<VerifyResult> {
    const remembered = this.verified.get(token);
    if (remembered && remembered.expiresAtMs > Date.now()) return { ok: true, claims: remembered.claims };
    let result = await this.verifyWith(token, this.key);
    for (let i = 0; i < this.acceptedKeys.length && !result.ok && result.badSignature; i++) result = await this.verifyWith(token, this.acceptedKeys[i]!);
    if (!result.ok) {
      this.verified.delete(token);
      return { ok: false, reason: result.reason };
    }
    if (this.verified.size >= MAX_REMEMBERED_TOKENS) this.verified.clear();
    this.verified.set(token, { claims: result.claims, expiresAtMs: result.expiresAtMs });
    return { ok: true, claims: result.claims };
  }

  private async verifyWith(
    token: string,
    key: Uint8Array,
  ): Promise<{ ok: true; claims: AccessClaims; expiresAtMs: number } | { ok: false; reason: string; badSignature?: boolean }> {
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: [ALGORITHM],
        issuer: this.config.JWT_ISSUER,
        audience: this.config.JWT_AUDIENCE,
        typ: TYPE,
        requiredClaims: ['sub', 'exp', 'iat'],
        clockTolerance: 5,
      });
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return { ok: false, reason: 'The access token is not valid. Sign in again.' };
      return { ok: true, claims: { sub: payload.sub, sid: payload.sid }, expiresAtMs: payload.exp! * 1000 };
    } catch (e) {
      if (e instanceof errors.JWTExpired) return { ok: false, reason: 'The access token has expired. Refresh the session or sign in again.' };
      return { ok: false, reason: 'The access token is not valid. Sign in again.', badSignature: e instanceof errors.JWSSignatureVerificationFailed };
    }
  }
}
