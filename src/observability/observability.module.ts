import { Global, Inject, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Server } from 'node:http';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { startMetricsServer } from './metrics-endpoint.js';
import { Metrics } from './metrics.js';
import { stopTracing } from './tracing.js';

export const METRICS_SERVER = Symbol('METRICS_SERVER');

class MetricsLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;

  constructor(
    @Inject(Metrics) private readonly metrics: Metrics,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.metrics.bindDataSource(this.dataSource);
    this.server = await startMetricsServer(this.config, this.metrics);
  }

  /** The port the metrics listener took (METRICS_PORT=0 picks a free one). */
  get port(): number | undefined {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address.port : undefined;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    // createApp started tracing for this app when OTEL_EXPORTER_OTLP_ENDPOINT is set: flush what is left.
    if (this.config.OTEL_EXPORTER_OTLP_ENDPOINT) await stopTracing();
  }
}

/** Metrics (and, later, tracing) for every context; the registry is made in createApp so Fastify's hooks share it. */
@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(metrics: Metrics): DynamicModule {
    return {
      module: ObservabilityModule,
      providers: [{ provide: Metrics, useValue: metrics }, MetricsLifecycle, { provide: METRICS_SERVER, useExisting: MetricsLifecycle }],
      exports: [Metrics, METRICS_SERVER],
    };
  }
}

export type { MetricsLifecycle };
