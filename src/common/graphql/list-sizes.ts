import type { PinoLogger } from 'nestjs-pino';
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
 * The measured list sizes the query cost is computed with. Measured on first use (awaited once), then again
 * in the background when older than the TTL, so requests never wait for it after the first.
 */
export class ListSizes {
  private sizes: MeasuredSizes = UNMEASURED_SIZES;
  private measuredAt = 0;
  private measuring: Promise<void> | undefined;

  constructor(
    private readonly measure: () => Promise<MeasuredSizes>,
    private readonly onError: (error: unknown) => void,
    private readonly ttlMs = LIST_SIZES_TTL_MS,
  ) {}

  async current(): Promise<MeasuredSizes> {
    if (Date.now() - this.measuredAt > this.ttlMs) {
      const refresh = this.refresh();
      if (this.measuredAt === 0) await refresh;
    }
    return this.sizes;
  }

  private refresh(): Promise<void> {
    this.measuring ??= this.measure()
      .then((sizes) => {
        this.sizes = sizes;
        this.measuredAt = Date.now();
      })
      .catch((error: unknown) => {
        // Keep the last sizes (or the generous defaults); try again at the next request after a pause.
        this.measuredAt = Math.max(this.measuredAt, Date.now() - this.ttlMs + 5_000);
        this.onError(error);
      })
      .finally(() => {
        this.measuring = undefined;
      });
    return this.measuring;
  }
}

/** The app's ListSizes: one small statement, at most once a minute. */
export function measuredListSizes(dataSource: DataSource, logger: PinoLogger): ListSizes {
  return new ListSizes(
    async () => ((await dataSource.query(MEASURE_SQL)) as MeasuredSizes[])[0]!,
    (err) => logger.warn({ err }, 'Could not measure the list sizes for the query cost; using the last (or default) sizes'),
  );
}
