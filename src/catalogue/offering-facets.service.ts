import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { readRows } from '../common/database/read-rows.js';
import type { Offering } from './offering.entity.js';
import type { FacetCount, OfferingFacets, OfferingSummary } from './offering-connection.type.js';

type FacetName = keyof OfferingFacets;

/** The total and every facet of a result in one statement, whatever the page size. */
@Injectable()
export class OfferingFacetsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `matched` selects the matching offerings (alias `o`), with filters and search already applied. */
  async summarise(matched: SelectQueryBuilder<Offering>): Promise<OfferingSummary> {
    const [sql, params] = matched
      .select(['o.id AS id', 'o.kind AS kind', 'o.delivery_mode AS delivery_mode', 'o.owning_section_id AS owning_section_id'])
      .getQueryAndParameters();
    const rows = await readRows<{ facet: FacetName | 'total'; value: string | null; count: number }>(
      this.dataSource,
      `WITH matched AS (${sql})
       SELECT 'total' AS facet, NULL AS value, count(*)::int AS count FROM matched
       UNION ALL SELECT 'kinds', kind, count(*)::int FROM matched GROUP BY kind
       UNION ALL SELECT 'deliveryModes', delivery_mode, count(*)::int FROM matched GROUP BY delivery_mode
       UNION ALL SELECT 'sections', s.code, count(*)::int FROM matched m JOIN section s ON s.id = m.owning_section_id GROUP BY s.code
       UNION ALL SELECT 'areas', a.code, count(*)::int
         FROM matched m JOIN offering_area oa ON oa.offering_id = m.id JOIN cooperation_area a ON a.id = oa.area_id GROUP BY a.code
       UNION ALL SELECT 'topics', t.code, count(*)::int
         FROM matched m JOIN offering_topic ot ON ot.offering_id = m.id JOIN topic t ON t.id = ot.topic_id GROUP BY t.code`,
      params,
    );

    const facets: OfferingFacets = { kinds: [], areas: [], topics: [], sections: [], deliveryModes: [] };
    let totalCount = 0;
    for (const row of rows) {
      if (row.facet === 'total') totalCount = row.count;
      else facets[row.facet].push({ value: row.value!, count: row.count });
    }
    const byCount = (a: FacetCount, b: FacetCount) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);
    for (const list of Object.values(facets)) list.sort(byCount);
    return { totalCount, facets };
  }
}
