// Prometheus metrics (issue #20, item 1): scraped from a running app, on its own port and behind a token.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { MailWorker } from '../src/notifications/mail-worker.service.js';
import { JobQueue } from '../src/notifications/job-queue.service.js';
import { MAIL_QUEUE } from '../src/notifications/queues.js';
import { METRICS_SERVER, type MetricsLifecycle } from '../src/observability/observability.module.js';
import { Actors } from './support/actors.js';
import { graphql } from './support/graphql.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const TOKEN = 'metrics-token-for-the-e2e-test-0123456789';

/** The value of the sample `name{labels…}` (every given label must match), or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const found = Object.fromEntries([...(m[3] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(m[4]);
  }
  return undefined;
}

const TOPICS = graphql('query Topics { topics { code } }');
const OFFERINGS = graphql('query MetricsOfferings($search: String) { offerings(first: 5, search: $search) { totalCount } }');

describe('metrics (Prometheus)', () => {
  let t: TestApp;
  let actors: Actors;
  let smtp: SMTPServer;
  let smtpOpen = false;
  let smtpPort: number;
  let metricsPort: number;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => callback());
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpOpen = true;
    smtpPort = (smtp.server.address() as AddressInfo).port;
    t = await startTestApp({ env: { METRICS_TOKEN: TOKEN, METRICS_PORT: '0', METRICS_HOST: '127.0.0.1', SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, DB_POOL_SIZE: '7' } });
    actors = new Actors(t);
    metricsPort = t.app.get<MetricsLifecycle>(METRICS_SERVER).port!;
  });
  afterAll(async () => {
    await t.close();
    if (smtpOpen) await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  const scrape = async () => {
    const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };

  it('on the app port only with the bearer token; on METRICS_PORT without one, and nothing else there', async () => {
    expect((await fetch(`${t.baseUrl}/metrics`)).status).toBe(401);
    expect((await fetch(`${t.baseUrl}/metrics`, { headers: { authorization: 'Bearer wrong-token-of-the-same-length-0123456789' } })).status).toBe(401);
    const ok = await fetch(`${t.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('# TYPE pcp_http_request_duration_seconds histogram');
    expect((await fetch(`http://127.0.0.1:${metricsPort}/graphql`)).status).toBe(404);
    expect(await scrape()).toContain('# TYPE pcp_graphql_operation_duration_seconds histogram');
  });

  it('times GraphQL operations by name and HTTP requests by route, and counts errors by extensions.code', async () => {
    const before = await scrape();
    const admin = await actors.asAdmin();
    for (let i = 0; i < 3; i++) expect((await t.gql(TOPICS, {}, admin)).errors).toBeUndefined();
    const refused = await t.gql(TOPICS, {}); // no caller
    const code = refused.errors![0]!.extensions!.code as string;
    expect(code).toBe('UNAUTHENTICATED');
    const after = await scrape();

    const ops = (text: string) => sample(text, 'pcp_graphql_operation_duration_seconds_count', { operation_type: 'query', operation_name: 'Topics' }) ?? 0;
    expect(ops(after) - ops(before)).toBe(4);
    const errors = (text: string) => sample(text, 'pcp_graphql_errors_total', { code }) ?? 0;
    expect(errors(after) - errors(before)).toBe(1);
    const posts = (text: string) => sample(text, 'pcp_http_request_duration_seconds_count', { method: 'POST', route: '/graphql', status_code: '200' }) ?? 0;
    expect(posts(after) - posts(before)).toBeGreaterThanOrEqual(4);
    expect(sample(after, 'pcp_graphql_operation_duration_seconds_sum', { operation_name: 'Topics' })).toBeGreaterThan(0);
    // A raw URL never becomes a label: an unknown path is counted as "unmatched" or under the web app's catch-all.
    await fetch(`${t.baseUrl}/no/such/${randomUUID()}`);
    expect(await scrape()).not.toMatch(/route="\/no\/such/);
  });

  it('reports the pool (in use, idle, max, waiting), the event-loop lag and the cache hit ratios', async () => {
    const admin = await actors.asAdmin();
    for (const search of ['cyber', 'cyber', 'terrorism']) expect((await t.gql(OFFERINGS, { search }, admin)).errors).toBeUndefined();
    const text = await scrape();
    expect(sample(text, 'pcp_db_pool_connections', { state: 'max' })).toBe(7);
    expect(sample(text, 'pcp_db_pool_connections', { state: 'idle' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'pcp_db_pool_connections', { state: 'in_use' })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'pcp_db_pool_waiting_clients')).toBe(0);
    expect(sample(text, 'pcp_nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'pcp_nodejs_eventloop_lag_p99_seconds')).toBeGreaterThan(0);
    // The second identical page is served from the response cache; a page of another search of the same shape reuses the statement built for the first.
    expect(sample(text, 'pcp_cache_lookups_total', { cache: 'graphql_response', result: 'hit' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'pcp_cache_lookups_total', { cache: 'catalogue_page_statement', result: 'hit' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'pcp_cache_hit_ratio', { cache: 'sql_statement' })).toBeGreaterThan(0);
    expect(sample(text, 'pcp_cache_hit_ratio', { cache: 'sql_statement' })).toBeLessThanOrEqual(1);
  });

  it('reports the job queue (depth by state, age of the oldest waiting job) and mail sent and failed', async () => {
    const jobs = t.app.get(JobQueue);
    const before = await scrape();
    const waiting = (text: string) => sample(text, 'pcp_jobs', { queue: MAIL_QUEUE, state: 'created' }) ?? 0;
    // Workers are off in this app, so queued jobs wait.
    await jobs.boss.send(MAIL_QUEUE, { mailId: randomUUID() });
    await jobs.boss.send(MAIL_QUEUE, { mailId: randomUUID() });
    await new Promise((r) => setTimeout(r, 1100));
    const queued = await scrape();
    expect(waiting(queued) - waiting(before)).toBe(2);
    expect(sample(queued, 'pcp_jobs_oldest_waiting_age_seconds', { queue: MAIL_QUEUE })).toBeGreaterThanOrEqual(1);

    const mail = async () => {
      const [row] = await adminQuery<{ id: string }>(
        t.databaseUrl,
        `INSERT INTO mail_message (to_address, subject, body, status, attempts, created_at) VALUES ('lo@example.org', 'Metrics', 'Body', 'PENDING', 0, now()) RETURNING id`,
      );
      return row!.id;
    };
    const outcome = (text: string, o: string) => sample(text, 'pcp_mail_deliveries_total', { outcome: o }) ?? 0;
    const worker = t.app.get(MailWorker);
    await worker.deliver(await mail());
    await new Promise<void>((resolve) => smtp.close(() => resolve())); // the relay goes away
    smtpOpen = false;
    await expect(worker.deliver(await mail())).rejects.toThrow();
    const delivered = await scrape();
    expect(outcome(delivered, 'sent') - outcome(before, 'sent')).toBe(1);
    expect(outcome(delivered, 'failed') - outcome(before, 'failed')).toBe(1);
  });
});

describe('metrics turned off (no METRICS_TOKEN, no METRICS_PORT)', () => {
  it('answers /metrics with a 404 that says how to turn them on', async () => {
    const t = await startTestApp();
    try {
      const res = await fetch(`${t.baseUrl}/metrics`);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { message: string }).message).toMatch(/set METRICS_TOKEN to read them here, or METRICS_PORT/);
      expect(t.app.get<MetricsLifecycle>(METRICS_SERVER).port).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});
