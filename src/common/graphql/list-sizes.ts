import type { Logger as Pino } from 'pino';
import type { DataSource } from 'typeorm';
import { UNMEASURED_SIZES, type MeasuredSizes } from './query-cost.js';

/**
 * The reference tables are small (tens to hundreds of rows) and change only through administrators, so one
 * statement counts them all; a count a minute old is close enough for an upper bound.
 */
export const MEASURE_SQL = `SELECT
  (SELECT count(*) FROM section)::int AS sections,
  (SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM section WHERE parent_id IS NOT NULL GROUP BY parent_id) c)::int AS "sectionChildren",
  (SELECT count(*) FROM partner)::int AS partners,
  (SELECT count(*) FROM partnership_framework)::int AS frameworks,
  (SELECT count(*) FROM cooperation_area)::int AS areas,
  (SELECT count(*) FROM topic)::int AS topics,
  (SELECT count(*) FROM routing_rule)::int AS "routingRules",
  (SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM user_section GROUP BY user_id) s)::int AS "userSections",
  (SELECT coalesce(max(n), 0) FROM (SELECT count(*) AS n FROM user_covered_partner GROUP BY user_id) p)::int AS "userCoveredPartners"`;

export const LIST_SIZES_TTL_MS = 60_000;

/**
 * The measured list sizes the query cost is computed with: measured when the app starts, then again every
 * TTL on a timer, never inside a request (a request only waits for the very first measurement).
 */
export class ListSizes {
  private sizes: MeasuredSizes = UNMEASURED_SIZES;
  private measured = false;
  private measuring: Promise<void> | undefined;

  constructor(
    private readonly measure: () => Promise<MeasuredSizes | undefined>,
    private readonly onError: (error: unknown) => void,
    private readonly ttlMs = LIST_SIZES_TTL_MS,
  ) {}

  /** Measures now and every TTL; the timer does not keep the process alive. */
  start(): this {
    void this.refresh();
    setInterval(() => void this.refresh(), this.ttlMs).unref();
    return this;
  }

  /** The sizes; until a first measurement has succeeded, a request waits for (or makes) one. */
  async current(): Promise<MeasuredSizes> {
    if (!this.measured) await this.refresh();
    return this.sizes;
  }

  private refresh(): Promise<void> {
    this.measuring ??= this.measure()
      .then((sizes) => {
        if (!sizes) return;
        this.sizes = sizes;
        this.measured = true;
      })
      // Keeps the last sizes (or the generous defaults) when the database cannot be asked.
      .catch((error: unknown) => this.onError(error))
      .finally(() => {
        this.measuring = undefined;
      });
    return this.measuring;
  }
}

/** The app's ListSizes: one small statement now and once a minute; none after the data source is closed. */
export function measuredListSizes(dataSource: DataSource, logger: Pino): ListSizes {
  return new ListSizes(
    async () => (dataSource.isInitialized ? ((await dataSource.query(MEASURE_SQL)) as MeasuredSizes[])[0] : undefined),
    (err) => logger.warn({ err }, 'Could not measure the list sizes for the query cost; using the last (or default) sizes'),
  ).start();
}
