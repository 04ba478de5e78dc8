import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule, PinoLogger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { graphqlOptions } from './common/graphql/graphql-options.js';
import { createValidationPipe } from './common/validation.js';
import { AppConfig } from './config/app-config.js';
import { ConfigModule, DATABASE_URL } from './config/config.module.js';
import { dataSourceOptions } from './database/data-source-options.js';
import { HealthModule } from './health/health.module.js';
import { SystemModule } from './system/system.module.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Reuses a well-formed X-Request-Id from a proxy, otherwise makes one, and echoes it on the response. */
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

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
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.LOG_LEVEL,
            genReqId: requestId,
            autoLogging: { ignore: (req) => req.url?.startsWith('/health') ?? false },
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]', 'res.headers["set-cookie"]'],
          },
        }),
        TypeOrmModule.forRootAsync({
          inject: [AppConfig, DATABASE_URL],
          useFactory: (cfg: AppConfig, url: string) => dataSourceOptions(url, cfg.DB_POOL_SIZE),
        }),
        GraphQLModule.forRootAsync<MercuriusDriverConfig>({
          driver: MercuriusDriver,
          inject: [AppConfig, PinoLogger],
          useFactory: (cfg: AppConfig, logger: PinoLogger) => graphqlOptions(cfg, logger),
        }),
        HealthModule,
        SystemModule,
        ...extraModules,
      ],
      providers: [{ provide: APP_PIPE, useFactory: createValidationPipe }],
    };
  }
}
