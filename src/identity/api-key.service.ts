import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { ApiKeyScope } from '../common/auth/role.js';
import type { RequestContext } from '../common/context/request-context.js';
import { UnitOfWork } from '../common/database/unit-of-work.js';
import { DomainError } from '../common/errors/domain-error.js';
import { AuditService } from '../audit/audit.service.js';
import { PartnerService } from '../organisation/partner.service.js';
import { SectionService } from '../organisation/section.service.js';
import { ApiKey } from './api-key.entity.js';
import { ApiKeyRepository } from './api-key.repository.js';
import type { CreateApiKeyInput, CreateApiKeyPayload } from './dto/api-key.dto.js';
import { randomToken, sha256 } from './secrets.js';

/** Every key starts with this, so leaked keys are easy to spot (secret scanners, logs). */
export const API_KEY_PREFIX = 'pcp_';

@Injectable()
export class ApiKeyService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly keys: ApiKeyRepository,
    private readonly partners: PartnerService,
    private readonly sections: SectionService,
    private readonly audit: AuditService,
  ) {}

  /** `pcp_<8-char public id>_<256-bit secret>`; only the SHA-256 of the whole string is kept. */
  async create(ctx: RequestContext, input: CreateApiKeyInput): Promise<CreateApiKeyPayload> {
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) throw DomainError.badInput('expiresAt must be in the future.', 'expiresAt');
    return this.unitOfWork.run(ctx, async (tx) => {
      let partnerId: string | null = null;
      let sectionId: string | null = null;
      if (input.scope === ApiKeyScope.PARTNER) {
        if (!input.partnerCode) throw DomainError.badInput('partnerCode is required for a PARTNER key.', 'partnerCode');
        const partner = await this.partners.byCode(tx, input.partnerCode);
        if (!partner) throw DomainError.badInput(`partnerCode: no partner has the code ${input.partnerCode}.`, 'partnerCode');
        partnerId = partner.id;
      } else if (input.partnerCode) {
        throw DomainError.badInput('partnerCode is only for PARTNER keys.', 'partnerCode');
      }
      if (input.scope === ApiKeyScope.SECTION) {
        if (!input.sectionCode) throw DomainError.badInput('sectionCode is required for a SECTION key.', 'sectionCode');
        const section = await this.sections.byCode(tx, input.sectionCode);
        if (!section) throw DomainError.badInput(`sectionCode: no section has the code ${input.sectionCode}.`, 'sectionCode');
        sectionId = section.id;
      } else if (input.sectionCode) {
        throw DomainError.badInput('sectionCode is only for SECTION keys.', 'sectionCode');
      }

      // Personal data is about requests; a CATALOGUE key reaches none, so a grant there would only mislead.
      const personalData = input.personalData ?? false;
      if (personalData && input.scope === ApiKeyScope.CATALOGUE) throw DomainError.badInput('personalData is only for PARTNER and SECTION keys: a CATALOGUE key reads no requests.', 'personalData');

      const prefix = `${API_KEY_PREFIX}${randomToken(6)}`;
      const secret = `${prefix}_${randomToken(32)}`;
      const key = await this.keys.insert(tx, {
        name: input.name.trim(),
        scope: input.scope,
        partnerId,
        sectionId,
        personalData,
        prefix,
        secretHash: sha256(secret),
        createdById: ctx.actor?.kind === 'user' ? ctx.actor.id : null,
        expiresAt: input.expiresAt ?? null,
      });
      await this.audit.record(tx, 'apiKey.create', { type: 'ApiKey', id: key.id }, { name: key.name, scope: key.scope, partnerCode: input.partnerCode ?? null, sectionCode: input.sectionCode ?? null, personalData, prefix });
      return { apiKey: key, secret };
    });
  }

  async revoke(ctx: RequestContext, id: string): Promise<ApiKey> {
    return this.unitOfWork.run(ctx, async (tx) => {
      const key = isUUID(id) ? await this.keys.lock(tx, id) : null;
      if (!key) throw DomainError.notFound('The API key');
      if (!key.revokedAt) {
        key.revokedAt = await this.keys.revoke(tx, key.id);
        await this.audit.record(tx, 'apiKey.revoke', { type: 'ApiKey', id: key.id }, { name: key.name, prefix: key.prefix });
      }
      return key;
    });
  }

  /** Every key, newest first (at most 500); revoked ones only when asked. */
  list(ctx: RequestContext, includeRevoked: boolean): Promise<ApiKey[]> {
    return this.keys.list(ctx, includeRevoked, 500);
  }
}
