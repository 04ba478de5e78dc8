import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';

/**
 * argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane). Raising these makes every stored
 * hash "need rehash", and sign-in upgrades it while the password is at hand.
 */
export const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordService {
  /** A real hash of a random string, verified when the account is unknown so both paths take as long. */
  private dummyHash?: Promise<string>;

  hash(password: string): Promise<string> {
    return argon2.hash(password, ARGON2_OPTIONS);
  }

  async verify(hash: string | null | undefined, password: string): Promise<boolean> {
    if (!hash) {
      await this.burn(password);
      return false;
    }
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false; // a malformed stored hash verifies nothing
    }
  }

  needsRehash(hash: string): boolean {
    return argon2.needsRehash(hash, ARGON2_OPTIONS);
  }

  private async burn(password: string): Promise<void> {
    this.dummyHash ??= argon2.hash(`unknown-account-${Math.random()}`, ARGON2_OPTIONS);
    await argon2.verify(await this.dummyHash, password).catch(() => false);
  }
}
