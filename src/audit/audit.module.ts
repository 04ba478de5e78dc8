import { Global, Module } from '@nestjs/common';
import { AuditEventRepository } from './audit-event.repository.js';
import { AuditService } from './audit.service.js';

/** Global: every context records its changes through AuditService inside its own unit of work. */
@Global()
@Module({ providers: [AuditEventRepository, AuditService], exports: [AuditService] })
export class AuditModule {}
