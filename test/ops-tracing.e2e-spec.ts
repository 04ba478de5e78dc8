// OpenTelemetry (issue #20, item 2): off by default; with OTEL_EXPORTER_OTLP_ENDPOINT, spans of the HTTP request,
// the GraphQL operation and each SQL statement reach a real OTLP/HTTP receiver, and a job carries its request id.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { RequestContext } from '../src/common/context/request-context.js';
import { UnitOfWork } from '../src/common/database/unit-of-work.js';
import { JobQueue } from '../src/notifications/job-queue.service.js';
import { tracingOn } from '../src/observability/tracing.js';
import { Actors } from './support/actors.js';
import { graphql } from './support/graphql.js';
import { adminQuery } from './support/test-database.js';
import { startTestApp } from './support/test-app.js';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Array<{ key: string; value: { stringValue?: string; intValue?: string | number; boolValue?: boolean } }>;
}
const attr = (span: OtlpSpan, key: string) => {
  const v = span.attributes.find((a) => a.key === key)?.value;
  return v?.stringValue ?? v?.intValue ?? v?.boolValue;
};

const TOPICS = graphql('query TracedTopics { topics { code } }');

describe('tracing', () => {
  it('is off by default: no endpoint, no tracer', async () => {
    const t = await startTestApp();
    try {
      expect(tracingOn()).toBe(false);
      expect((await t.gql(TOPICS, {}, await new Actors(t).asAdmin())).errors).toBeUndefined();
    } finally {
      await t.close();
    }
  });

  it('exports spans over OTLP: request → operation → statements, and a job under its request id', async () => {
    const spans: OtlpSpan[] = [];
    const services = new Set<string>();
    const receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c));
      req.on('end', () => {
        expect(req.url).toBe('/v1/traces');
        const payload = JSON.parse(body) as { resourceSpans: Array<{ resource: { attributes: OtlpSpan['attributes'] }; scopeSpans: Array<{ spans: OtlpSpan[] }> }> };
        for (const rs of payload.resourceSpans) {
          services.add(String(rs.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue));
          for (const ss of rs.scopeSpans) spans.push(...ss.spans);
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const t = await startTestApp({
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`, OTEL_SERVICE_NAME: 'pcp-tracing-test', WORKERS_ENABLED: 'true', WORKER_POLL_SECONDS: '1' },
    });
    try {
      expect(tracingOn()).toBe(true);
      const admin = await new Actors(t).asAdmin();
      expect((await t.gql(TOPICS, {}, { ...admin, 'x-request-id': 'trace-req-0001' })).errors).toBeUndefined();

      // A mail queued by a request: the worker's span and statements carry that request's id.
      const [mail] = await adminQuery<{ id: string }>(t.databaseUrl, "INSERT INTO mail_message (to_address, subject, body, status, attempts, created_at) VALUES ('lo@example.org', 'Traced', 'Body', 'PENDING', 0, now()) RETURNING id");
      await t.app.get(UnitOfWork).run(new RequestContext('trace-job-0001'), (tx) => t.app.get(JobQueue).sendMail(tx, { mailId: mail!.id }));

      const find = (predicate: (s: OtlpSpan) => boolean) => spans.find(predicate);
      for (let i = 0; i < 100 && !(find((s) => s.name === 'query TracedTopics') && find((s) => s.name === 'job mail.send')); i++) await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 500)); // the last statements' spans of the job

      const request = find((s) => s.name === 'POST /graphql' && attr(s, 'pcp.request_id') === 'trace-req-0001');
      expect(request).toBeDefined();
      expect(request!.kind).toBe(2); // SERVER
      expect(attr(request!, 'http.response.status_code')).toBe(200);
      const operation = find((s) => s.name === 'query TracedTopics')!;
      expect(operation).toMatchObject({ traceId: request!.traceId, parentSpanId: request!.spanId });
      expect(attr(operation, 'pcp.request_id')).toBe('trace-req-0001');
      const statements = spans.filter((s) => s.name === 'pg.query' && s.parentSpanId === operation.spanId);
      expect(statements.map((s) => String(attr(s, 'db.statement')))).toEqual(expect.arrayContaining([expect.stringMatching(/FROM topic t ORDER BY t\.code/)]));
      expect(statements.every((s) => s.traceId === request!.traceId && attr(s, 'db.system') === 'postgresql')).toBe(true);

      const job = find((s) => s.name === 'job mail.send')!;
      expect(attr(job, 'pcp.request_id')).toBe('trace-job-0001');
      expect(attr(job, 'pcp.mail_id')).toBe(mail!.id);
      const jobStatements = spans.filter((s) => s.parentSpanId === job.spanId);
      expect(jobStatements.map((s) => String(attr(s, 'db.statement')))).toEqual(expect.arrayContaining([expect.stringMatching(/FROM mail_message WHERE id = :id FOR UPDATE/)]));
      expect(jobStatements.every((s) => attr(s, 'pcp.request_id') === 'trace-job-0001' && attr(s, 'pcp.in_transaction') === true)).toBe(true);
      expect(services).toEqual(new Set(['pcp-tracing-test']));
    } finally {
      await t.close();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
    expect(tracingOn()).toBe(false);
  });
});
