import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service.js';

/** Global: every context records its changes through AuditService inside its own transaction. */
@Global()
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
