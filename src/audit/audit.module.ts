import { Global, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuditService } from './audit.service.js';
import { DenialAuditFilter } from './denial-audit.filter.js';
import { DenialAuditService } from './denial-audit.service.js';

/** Global: every context records its changes through AuditService inside its own transaction. */
@Global()
@Module({ providers: [AuditService, DenialAuditService, { provide: APP_FILTER, useClass: DenialAuditFilter }], exports: [AuditService] })
export class AuditModule {}
