import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { RequestContext } from '../common/context/request-context.js';
import { SecretBox } from '../identity/secret-box.js';
import { WebhookRepository } from './webhook.repository.js';

/** What signing a delivery needs: the plain secrets, or why they cannot be had (logged as the attempt's error). */
export type SigningSecrets = { secrets: string[] } | { error: string };

/**
 * Webhook signing secrets at rest: sealed with the identity context's SecretBox (SECRETS_KEYS, the ring that seals
 * TOTP seeds), since the portal must read them back to sign. Written sealed on registration and rotation. At start,
 * each instance seals what is not yet sealed with the ring's first key — secrets stored in the clear before sealing,
 * and those sealed with an older key — so a change of SECRETS_KEYS completes when the app restarts with it (README,
 * "Rotating secrets"). Until then a clear value is read as it is. A value sealed with a key the ring no longer holds
 * cannot sign: the delivery fails with that reason in the endpoint's log (retried, and the endpoint disabled with a
 * notice after WEBHOOK_DISABLE_AFTER_FAILURES), never a crash or a silent skip.
 */
@Injectable()
export class WebhookSecrets implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebhookSecrets.name);

  constructor(
    private readonly box: SecretBox,
    private readonly hooks: WebhookRepository,
  ) {}

  seal(plain: string): string {
    return this.box.seal(plain);
  }

  /** The stored previous secret for a rotation: the current one sealed again with the first key; null when it cannot be opened. */
  keepAsPrevious(stored: string): string | null {
    return this.box.missingKey(stored) ? null : this.box.seal(this.box.open(stored));
  }

  /** The plain secrets a delivery signs with (the current one, then the overlapping previous one). */
  forSigning(row: { secret: string; previousSecret: string | null }): SigningSecrets {
    const stored = row.previousSecret ? [row.secret, row.previousSecret] : [row.secret];
    const missing = stored.map((s) => this.box.missingKey(s)).find((id) => id !== null);
    if (missing) {
      return {
        error:
          `Not sent: the endpoint's signing secret is sealed with the key "${missing}", which this server's SECRETS_KEYS no longer holds. ` +
          `Put that key back in SECRETS_KEYS (after the first one), or rotate the endpoint's secret and give the receiver the new one.`,
      };
    }
    return { secrets: stored.map((s) => this.box.open(s)) };
  }

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.sealAll();
    } catch (error) {
      // Deliveries still sign with what is stored; the next start tries again.
      this.logger.error(`sealing webhook secrets failed: ${(error as Error).message}`);
    }
  }

  /** Seals with the first key every stored secret not yet sealed with it; returns how many endpoints changed. */
  async sealAll(ctx: RequestContext = RequestContext.system()): Promise<number> {
    const current = this.box.currentKeyId;
    let sealed = 0;
    const stuck = new Set<string>();
    for (const row of await this.hooks.secretsNotSealedWith(ctx, this.box.sealedPrefix(current))) {
      const missing = [row.secret, row.previousSecret].map((s) => (s === null ? null : this.box.missingKey(s))).find((id) => id !== null);
      if (missing) {
        stuck.add(missing);
        continue;
      }
      const again = (s: string) => (this.box.sealedWith(s) === current ? s : this.box.seal(this.box.open(s)));
      // Compare-and-set: an instance starting at the same time, or a rotation meanwhile, wins and is kept.
      if (await this.hooks.resealSecrets(ctx, row, { secret: again(row.secret), previousSecret: row.previousSecret === null ? null : again(row.previousSecret) })) sealed++;
    }
    if (sealed) this.logger.log(`${sealed} webhook endpoints' signing secrets sealed with key "${current}"`);
    if (stuck.size) {
      this.logger.error(
        `Some webhook signing secrets are sealed with keys SECRETS_KEYS no longer holds (${[...stuck].join(', ')}): their deliveries fail until the key is put back or the secret rotated.`,
      );
    }
    return sealed;
  }
}
