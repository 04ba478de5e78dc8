import { Injectable, Logger } from '@nestjs/common';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { AppConfig } from '../config/app-config.js';

const PREFIX = 'sealed:v1:';
/** Not a secret: what development and test seal with when SECRETS_KEYS is unset (production requires it). */
const DEVELOPMENT_KEY = createHash('sha256').update('pcp-development-secrets-key, never for production').digest();

interface Key {
  id: string;
  key: Buffer;
}

/** `id:base64key,…` as SECRETS_KEYS holds it (validated by AppConfig): the first seals, all open. */
export function parseSecretsKeys(value: string | undefined): Key[] {
  if (!value) return [];
  return value.split(',').map((entry) => {
    const [id, key] = entry.split(':') as [string, string];
    return { id, key: Buffer.from(key, 'base64') };
  });
}

/**
 * Secrets the app must read back (TOTP seeds, webhook signing secrets) are kept sealed at rest: AES-256-GCM under SECRETS_KEYS, a key
 * ring of its own so that rotating JWT_SECRET never locks anyone out of their second factor, and rotating this
 * ring is a rolling change: put the new key first and keep the old ones after it; each secret is sealed again
 * with the first key the next time it is used, and an old key can go once no row names it
 * (`SELECT count(*) FROM app_user WHERE totp_secret LIKE 'sealed:v1:<id>:%'`). A value without the prefix is
 * a secret stored before sealing: read as it is, and sealed on its next use.
 */
@Injectable()
export class SecretBox {
  private readonly keys: Key[];

  constructor(config: AppConfig) {
    this.keys = parseSecretsKeys(config.SECRETS_KEYS);
    if (this.keys.length === 0) {
      this.keys = [{ id: 'dev', key: DEVELOPMENT_KEY }];
      if (config.NODE_ENV !== 'test') new Logger(SecretBox.name).warn('SECRETS_KEYS is unset: second-factor and webhook secrets are sealed with the development key (set SECRETS_KEYS outside development).');
    }
  }

  seal(plain: string): string {
    const { id, key } = this.keys[0]!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(id));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${PREFIX}${id}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  /** The id of the key new seals use (the first of the ring). */
  get currentKeyId(): string {
    return this.keys[0]!.id;
  }

  /** How every value sealed with the key begins: what a query finds values sealed with it by. */
  sealedPrefix(keyId: string): string {
    return `${PREFIX}${keyId}:`;
  }

  /** The id of the key a value is sealed with; null for a value stored before sealing. */
  sealedWith(value: string): string | null {
    if (!value.startsWith(PREFIX)) return null;
    const rest = value.slice(PREFIX.length);
    return rest.slice(0, rest.indexOf(':'));
  }

  /** The key a sealed value names when the ring no longer holds it (so `open` would refuse); null when it opens. */
  missingKey(value: string): string | null {
    const id = this.sealedWith(value);
    return id !== null && !this.keys.some((k) => k.id === id) ? id : null;
  }

  /** The plain secret; SERVICE_UNAVAILABLE when the key that sealed it is gone from the ring; throws on tampering. */
  open(value: string): string {
    if (!value.startsWith(PREFIX)) return value;
    const rest = value.slice(PREFIX.length);
    const colon = rest.indexOf(':');
    const id = rest.slice(0, colon);
    const key = this.keys.find((k) => k.id === id);
    if (!key) {
      // A configuration fault the person cannot fix, but can report: a stable code and what to tell the administrators.
      new Logger(SecretBox.name).error(`A secret is sealed with key "${id}", which SECRETS_KEYS no longer holds: put that key back after the first one.`);
      throw new DomainError(
        ErrorCode.SERVICE_UNAVAILABLE,
        `Your second factor cannot be checked right now: the server is missing the key "${id}" it was stored with. Tell the administrators; your code and account are fine.`,
      );
    }
    const raw = Buffer.from(rest.slice(colon + 1), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key.key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(id));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}
