/**
 * Counters the hot paths bump with a plain integer increment (no label hashing, no allocation); the metrics
 * registry reads them when it is scraped (src/observability/metrics.ts). Module state, so code anywhere can
 * count without being handed a service; every app in a process shares them, as the caches they count are
 * module state too.
 */
export interface CacheCount {
  hits: number;
  misses: number;
}

export const cacheCounts = new Map<string, CacheCount>();

/** Returns the cache's counter, to keep and bump: `const c = cacheCounter('x'); … c.hits++`. */
export function cacheCounter(name: string): CacheCount {
  let count = cacheCounts.get(name);
  if (!count) cacheCounts.set(name, (count = { hits: 0, misses: 0 }));
  return count;
}

/** Mail deliveries by outcome: SENT (over SMTP), RECORDED (SMTP_URL unset), FAILED (will be retried). */
export const mailOutcomes = { sent: 0, recorded: 0, failed: 0 };
