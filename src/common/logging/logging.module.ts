import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Logger as Pino } from 'pino';

/** The app's root pino logger (Fastify's), for code outside a request or not handed the request's logger. */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

@Global()
@Module({})
export class LoggingModule {
  static forRoot(logger: Pino): DynamicModule {
    return { module: LoggingModule, providers: [{ provide: ROOT_LOGGER, useValue: logger }], exports: [ROOT_LOGGER] };
  }
}
