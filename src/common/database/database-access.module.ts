import { Global, Module } from '@nestjs/common';
import { ReadModelChanges } from '../../database/read-model-changes.js';
import { ReadReplicas } from '../../database/read-replicas.js';
import { Sql } from './sql.js';
import { UnitOfWork } from './unit-of-work.js';

/** Global: every context's repositories run SQL through `Sql`, and its services open units of work. */
@Global()
@Module({ providers: [Sql, UnitOfWork, ReadReplicas, ReadModelChanges], exports: [Sql, UnitOfWork, ReadReplicas, ReadModelChanges] })
export class DatabaseAccessModule {}
