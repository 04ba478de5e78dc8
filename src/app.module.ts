import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { APP_PIPE, ModuleRef } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { TypeOrmModule } from '@nestjs/typeorm';
import pino, { type Logger as Pino } from 'pino';
import { DatabaseAccessModule } from './common/database/database-access.module.js';
import { graphqlOptions } from './common/graphql/graphql-options.js';
import { mergeCacheableFields, type GraphQLResponseCache } from './common/graphql/response-cache.js';
import { CATALOGUE_CACHEABLE_FIELDS } from './catalogue/cacheable-fields.js';
import { ORGANISATION_CACHEABLE_FIELDS } from './organisation/cacheable-fields.js';
import { ReadModelChanges } from './database/read-model-changes.js';
import { LoggingModule, ROOT_LOGGER } from './common/logging/logging.module.js';
import { DataSource } from 'typeorm';
import { measuredListSizes } from './common/graphql/list-sizes.js';
import { createValidationPipe } from './common/validation.js';
import { AppConfig } from './config/app-config.js';
import { ConfigModule, DATABASE_URL } from './config/config.module.js';
import { ClientErrorGuard } from './database/client-error-guard.js';
import { dataSourceOptions } from './database/data-source-options.js';
import { HealthModule } from './health/health.module.js';
import { ReadReplicas } from './database/read-replicas.js';
import { Metrics } from './observability/metrics.js';
import { ObservabilityModule } from './observability/observability.module.js';
import { SystemModule } from './system/system.module.js';
import { AuditModule } from './audit/audit.module.js';
import { RateLimitModule } from './common/rate-limit/rate-limit.module.js';
import { AuthenticationService } from './identity/authentication.service.js';
import { IdentityModule } from './identity/identity.module.js';
import { OrganisationModule } from './organisation/organisation.module.js';
import { CatalogueModule } from './catalogue/catalogue.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { RequestsModule } from './requests/requests.module.js';
import { WebhooksModule } from './integrations/webhooks.module.js';
import { CalendarModule } from './integrations/calendar/calendar.module.js';
import { SpsModule } from './sps/sps.module.js';
import { PlansModule } from './plans/plans.module.js';
import { FundingModule } from './funding/funding.module.js';
import { KnowledgeModule } from './knowledge/knowledge.module.js';
import { MatchingModule } from './matching/matching.module.js';

export interface AppModuleOptions {
  config: AppConfig;
  databaseUrl: string;
  /** Extra modules, for tests that need probes. */
  extraModules?: Type[];
  /** The root logger (createApp passes Fastify's); a new one at LOG_LEVEL otherwise. */
  logger?: Pino;
  /** The metrics registry (createApp makes it, for Fastify's hooks); a new one otherwise. */
  metrics?: Metrics;
  /** The catalogue's response cache (createApp registers its Fastify hooks); none otherwise. */
  responseCache?: GraphQLResponseCache;
}

@Module({})
export class AppModule {
  static forRoot({ config, databaseUrl, extraModules = [], logger = pino({ level: config.LOG_LEVEL }), metrics = new Metrics({ poolSize: config.DB_POOL_SIZE }), responseCache }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, databaseUrl),
        // Fastify's own pino (see bootstrap.ts), also behind Nest's logger (NestPinoLogger).
        LoggingModule.forRoot(logger),
        ObservabilityModule.forRoot(metrics),
        TypeOrmModule.forRootAsync({
          inject: [AppConfig, DATABASE_URL],
          useFactory: (cfg: AppConfig, url: string) => dataSourceOptions(url, cfg.DB_POOL_SIZE),
        }),
        GraphQLModule.forRootAsync<MercuriusDriverConfig>({
          driver: MercuriusDriver,
          imports: [IdentityModule, DatabaseAccessModule],
          inject: [AppConfig, ROOT_LOGGER, AuthenticationService, ModuleRef, DataSource, Metrics, ReadReplicas, ReadModelChanges],
          useFactory: (cfg: AppConfig, root: Pino, authn: AuthenticationService, moduleRef: ModuleRef, dataSource: DataSource, m: Metrics, replicas: ReadReplicas, changes: ReadModelChanges) => {
            responseCache?.attach(changes, authn, mergeCacheableFields(CATALOGUE_CACHEABLE_FIELDS, ORGANISATION_CACHEABLE_FIELDS), m);
            return graphqlOptions(cfg, root, authn, moduleRef, measuredListSizes(dataSource, root), m, replicas, responseCache);
          },
        }),
        DatabaseAccessModule,
        RateLimitModule,
        AuditModule,
        IdentityModule,
        HealthModule,
        SystemModule,
        OrganisationModule,
        CatalogueModule,
        NotificationsModule,
        RequestsModule,
        WebhooksModule,
        CalendarModule,
        SpsModule,
        PlansModule,
        FundingModule,
        KnowledgeModule,
        MatchingModule,
        ...extraModules,
      ],
      providers: [{ provide: APP_PIPE, useFactory: createValidationPipe }, ClientErrorGuard],
    };
  }
}
