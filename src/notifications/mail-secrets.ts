import { Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { AppConfig } from '../config/app-config.js';

const SEALED = /\[\[sealed:([A-Za-z0-9_-]+)\]\]/g;

/**
 * Secrets inside mail (a set-password link) are kept sealed in the outbox (AES-256-GCM, key derived from
 * JWT_SECRET, so every instance sharing it can send), and opened only by the worker as it hands the mail to the
 * relay: the database never holds a usable link. Without JWT_SECRET (development) the key is per process, so a
 * mail still queued when the process restarts cannot be opened and fails (ask for a new link).
 */
@Injectable()
export class MailSecrets {
  private readonly key: Buffer;

  constructor(config: AppConfig) {
    this.key = config.JWT_SECRET ? createHash('sha256').update(`pcp-mail-secrets\0${config.JWT_SECRET}`).digest() : randomBytes(32);
  }

  /** A placeholder standing for `text` in a mail body. */
  seal(text: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return `[[sealed:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}]]`;
  }

  /** The body with every placeholder opened; throws when one cannot be (another key, tampering). */
  open(body: string): string {
    return body.replace(SEALED, (_m, sealed: string) => {
      const raw = Buffer.from(sealed, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    });
  }
}
