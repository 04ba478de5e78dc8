import { Global, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { DenialRecorder } from '../common/auth/denial-recorder.js';
import { AuditEventRepository } from './audit-event.repository.js';
import { AuditTrailResolver } from './audit-trail.resolver.js';
import { AuditTrailService } from './audit-trail.service.js';
import { AuditService } from './audit.service.js';
import { DenialAuditFilter } from './denial-audit.filter.js';
import { DenialAuditService } from './denial-audit.service.js';

/** Global: every context records its changes through AuditService inside its own unit of work. */
@Global()
@Module({
  providers: [
    AuditEventRepository,
    AuditService,
    AuditTrailService,
    AuditTrailResolver,
    DenialAuditService,
    // The REST routes' error filter (common/http) records refusals through this seam.
    { provide: DenialRecorder, useExisting: DenialAuditService },
    { provide: APP_FILTER, useClass: DenialAuditFilter },
  ],
  exports: [AuditService, DenialRecorder],
})
export class AuditModule {}
