import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AppConfig } from './app-config.js';

export const DATABASE_URL = Symbol('DATABASE_URL');

/** Makes the validated configuration and the resolved database URL injectable everywhere. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: DATABASE_URL, useValue: databaseUrl },
      ],
      exports: [AppConfig, DATABASE_URL],
    };
  }
}
