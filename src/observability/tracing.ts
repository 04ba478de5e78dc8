import { context, SpanKind, SpanStatusCode, trace, type Attributes, type Span, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/**
 * OpenTelemetry tracing (issue #20, item 2), off unless OTEL_EXPORTER_OTLP_ENDPOINT is set; then spans go to
 * `<endpoint>/v1/traces` over OTLP/HTTP (JSON). Spans are parented explicitly (the HTTP request's span on the
 * Fastify request, the GraphQL operation's on the RequestContext, which units of work copy), so no
 * async-context manager runs on every await. Off, each hook is one `undefined` check.
 */
let tracer: Tracer | undefined;
let provider: NodeTracerProvider | undefined;
let owners = 0;

export interface TracingOptions {
  endpoint?: string;
  serviceName: string;
  /** Batch delay before export (ms). */
  exportDelayMs?: number;
}

/** Starts tracing for an app (idempotent: apps in one process share it); returns whether it is on. */
export function startTracing(options: TracingOptions): boolean {
  if (!options.endpoint) return false;
  owners += 1;
  if (tracer) return true;
  const exporter = new OTLPTraceExporter({ url: `${options.endpoint.replace(/\/+$/, '')}/v1/traces` });
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: options.exportDelayMs ?? 2_000 })],
  });
  tracer = provider.getTracer('partner-cooperation-portal');
  return true;
}

/** Flushes and stops tracing once the last app that started it stops. */
export async function stopTracing(): Promise<void> {
  if (owners === 0) return;
  owners -= 1;
  if (owners > 0) return;
  const stopping = provider;
  tracer = undefined;
  provider = undefined;
  await stopping?.shutdown().catch(() => undefined);
}

export function tracingOn(): boolean {
  return tracer !== undefined;
}

/** A new span (child of `parent` when given), or undefined when tracing is off. */
export function startSpan(name: string, attributes: Attributes, parent?: Span, kind: SpanKind = SpanKind.INTERNAL): Span | undefined {
  if (!tracer) return undefined;
  return tracer.startSpan(name, { kind, attributes }, parent ? trace.setSpan(context.active(), parent) : context.active());
}

export function endSpan(span: Span | undefined, error?: unknown): void {
  if (!span) return;
  if (error !== undefined) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
  }
  span.end();
}

export { SpanKind, SpanStatusCode, type Span };
