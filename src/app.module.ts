import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { APP_PIPE, ModuleRef } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule, PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { graphqlOptions } from './common/graphql/graphql-options.js';
import { measuredListSizes } from './common/graphql/list-sizes.js';
import { createValidationPipe } from './common/validation.js';
import { AppConfig } from './config/app-config.js';
import { ConfigModule, DATABASE_URL } from './config/config.module.js';
import { ClientErrorGuard } from './database/client-error-guard.js';
import { dataSourceOptions } from './database/data-source-options.js';
import { HealthModule } from './health/health.module.js';
import { SystemModule } from './system/system.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthenticationService } from './identity/authentication.service.js';
import { IdentityModule } from './identity/identity.module.js';
import { OrganisationModule } from './organisation/organisation.module.js';
import { CatalogueModule } from './catalogue/catalogue.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { RequestsModule } from './requests/requests.module.js';

export interface AppModuleOptions {
  config: AppConfig;
  databaseUrl: string;
  /** Extra modules, for tests that need probes. */
  extraModules?: Type[];
}

@Module({})
export class AppModule {
  static forRoot({ config, databaseUrl, extraModules = [] }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, databaseUrl),
        // Requests are logged by Fastify's own pino (see bootstrap.ts); this routes Nest's logs to pino too.
        LoggerModule.forRoot({ useExisting: true, pinoHttp: { level: config.LOG_LEVEL } }),
        TypeOrmModule.forRootAsync({
          inject: [AppConfig, DATABASE_URL],
          useFactory: (cfg: AppConfig, url: string) => dataSourceOptions(url, cfg.DB_POOL_SIZE),
        }),
        GraphQLModule.forRootAsync<MercuriusDriverConfig>({
          driver: MercuriusDriver,
          imports: [IdentityModule],
          inject: [AppConfig, PinoLogger, AuthenticationService, ModuleRef, DataSource],
          useFactory: (cfg: AppConfig, logger: PinoLogger, authn: AuthenticationService, moduleRef: ModuleRef, dataSource: DataSource) =>
            graphqlOptions(cfg, logger, authn, moduleRef, measuredListSizes(dataSource, logger)),
        }),
        AuditModule,
        IdentityModule,
        HealthModule,
        SystemModule,
        OrganisationModule,
        CatalogueModule,
        NotificationsModule,
        RequestsModule,
        ...extraModules,
      ],
      providers: [{ provide: APP_PIPE, useFactory: createValidationPipe }, ClientErrorGuard],
    };
  }
}
