import type { Span } from '@opentelemetry/api';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Pool } from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import { cacheCounts, mailOutcomes } from './counters.js';

/** Seconds; from 5 ms (a cached catalogue page) to 10 s (GRAPHQL_EXECUTION_TIMEOUT_MS). */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Client-chosen operation names are labels: only well-formed ones, and at most this many distinct. */
const MAX_OPERATION_NAMES = 500;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** What the GraphQL preExecution hook leaves on the Fastify request for the response hook to observe. */
export interface GraphQLOperationLabel {
  type: string;
  name: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    graphqlOperation?: GraphQLOperationLabel;
    /** The request's tracing span, when tracing is on (src/observability/tracing.ts). */
    traceSpan?: Span;
  }
}

/**
 * The app's Prometheus metrics (issue #20, item 1): one registry per app (tests start several in a process).
 * Request paths pay for one histogram observation (two for GraphQL); pool, queue, mail and cache figures
 * are read when scraped.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly httpDuration: Histogram<'method' | 'route' | 'status_code'>;
  private readonly graphqlDuration: Histogram<'operation_type' | 'operation_name'>;
  private readonly graphqlErrors: Counter<'code'>;
  private readonly operationNames = new Set<string>();
  private dataSource?: DataSource;

  constructor(options: { poolSize: number; defaultMetrics?: boolean }) {
    const registers = [this.registry];
    this.httpDuration = new Histogram({
      name: 'pcp_http_request_duration_seconds',
      help: 'HTTP requests by method, route pattern and status code',
      labelNames: ['method', 'route', 'status_code'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.graphqlDuration = new Histogram({
      name: 'pcp_graphql_operation_duration_seconds',
      help: 'GraphQL operations that reached execution, by type and operation name (anonymous ones as "anonymous")',
      labelNames: ['operation_type', 'operation_name'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.graphqlErrors = new Counter({
      name: 'pcp_graphql_errors_total',
      help: 'GraphQL errors returned, by extensions.code',
      labelNames: ['code'],
      registers,
    });
    const pool = () => (this.dataSource?.isInitialized ? ((this.dataSource.driver as unknown as { master?: Pool }).master ?? undefined) : undefined);
    new Gauge({
      name: 'pcp_db_pool_connections',
      help: 'Connections of the request pool, by state (idle, in use); max is DB_POOL_SIZE',
      labelNames: ['state'],
      registers,
      collect() {
        const p = pool();
        const total = p?.totalCount ?? 0;
        const idle = p?.idleCount ?? 0;
        this.set({ state: 'idle' }, idle);
        this.set({ state: 'in_use' }, total - idle);
        this.set({ state: 'max' }, options.poolSize);
      },
    });
    new Gauge({
      name: 'pcp_db_pool_waiting_clients',
      help: 'Callers waiting for a connection of the request pool',
      registers,
      collect() {
        this.set(pool()?.waitingCount ?? 0);
      },
    });
    const jobs = () => this.queryJobs();
    let jobsRead: Promise<JobRow[]> | undefined;
    const readJobs = () => (jobsRead ??= jobs().finally(() => setTimeout(() => { jobsRead = undefined; }, 0)));
    new Gauge({
      name: 'pcp_jobs',
      help: 'Background jobs (pg-boss) by queue and state: created and retry are waiting, failed have used up their retries',
      labelNames: ['queue', 'state'],
      registers,
      async collect() {
        this.reset();
        for (const row of await readJobs()) this.set({ queue: row.queue, state: row.state }, row.count);
      },
    });
    new Gauge({
      name: 'pcp_jobs_oldest_waiting_age_seconds',
      help: 'Age of the oldest job waiting to run (created or retry), by queue; 0 when none waits',
      labelNames: ['queue'],
      registers,
      async collect() {
        this.reset();
        const ages = new Map<string, number>();
        for (const row of await readJobs()) {
          if (row.state === 'created' || row.state === 'retry') ages.set(row.queue, Math.max(ages.get(row.queue) ?? 0, row.oldest));
          else if (!ages.has(row.queue)) ages.set(row.queue, 0);
        }
        for (const [queue, age] of ages) this.set({ queue }, age);
      },
    });
    new Counter({
      name: 'pcp_mail_deliveries_total',
      help: 'Mail delivery attempts by this instance, by outcome: sent (SMTP), recorded (SMTP_URL unset), failed (retried)',
      labelNames: ['outcome'],
      registers,
      collect() {
        this.reset();
        for (const [outcome, n] of Object.entries(mailOutcomes)) this.inc({ outcome }, n);
      },
    });
    new Counter({
      name: 'pcp_cache_lookups_total',
      help: 'In-process cache lookups by cache and result (hit, miss)',
      labelNames: ['cache', 'result'],
      registers,
      collect() {
        this.reset();
        for (const [cache, c] of cacheCounts) {
          this.inc({ cache, result: 'hit' }, c.hits);
          this.inc({ cache, result: 'miss' }, c.misses);
        }
      },
    });
    new Gauge({
      name: 'pcp_cache_hit_ratio',
      help: 'Hits over lookups since start, by cache',
      labelNames: ['cache'],
      registers,
      collect() {
        for (const [cache, c] of cacheCounts) this.set({ cache }, c.hits + c.misses === 0 ? 0 : c.hits / (c.hits + c.misses));
      },
    });
    // Process metrics, the event-loop lag among them (nodejs_eventloop_lag_seconds and its percentiles).
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'pcp_', eventLoopMonitoringPrecision: 20 });
  }

  bindDataSource(dataSource: DataSource): void {
    this.dataSource = dataSource;
  }

  /** The Fastify response hook: every request by its route pattern (never its raw URL), and its GraphQL operation. */
  observeRequest(request: FastifyRequest, reply: FastifyReply): void {
    const seconds = reply.elapsedTime / 1000;
    this.httpDuration.observe({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: reply.statusCode }, seconds);
    const op = request.graphqlOperation;
    if (op) this.graphqlDuration.observe({ operation_type: op.type, operation_name: op.name }, seconds);
  }

  /** A label for the operation a client named: its name while the set of names stays bounded, else "other". */
  operationLabel(type: string, name: string | undefined): GraphQLOperationLabel {
    if (!name) return { type, name: 'anonymous' };
    if (!OPERATION_NAME.test(name)) return { type, name: 'other' };
    if (!this.operationNames.has(name)) {
      if (this.operationNames.size >= MAX_OPERATION_NAMES) return { type, name: 'other' };
      this.operationNames.add(name);
    }
    return { type, name };
  }

  countGraphQLErrors(codes: Iterable<unknown>): void {
    for (const code of codes) this.graphqlErrors.inc({ code: typeof code === 'string' ? code : 'UNKNOWN' });
  }

  async scrape(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private async queryJobs(): Promise<JobRow[]> {
    if (!this.dataSource?.isInitialized) return [];
    try {
      const rows = (await this.dataSource.query(
        `SELECT name AS queue, state::text AS state, count(*)::int AS count,
                COALESCE(EXTRACT(EPOCH FROM now() - min(created_on)), 0)::float8 AS oldest
           FROM pgboss.job WHERE state IN ('created', 'retry', 'active', 'failed') GROUP BY name, state`,
      )) as JobRow[];
      return rows;
    } catch {
      return []; // the database is down: the pool gauges and the readiness probe say so
    }
  }
}

interface JobRow {
  queue: string;
  state: string;
  count: number;
  oldest: number;
}
