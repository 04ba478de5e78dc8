import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '../common/pagination/connection.js';
import { Offering } from './offering.entity.js';

@ObjectType({ description: 'How many matching offerings have this value.' })
export class FacetCount {
  @Field({ description: 'A kind or delivery mode name, or an area, topic or section code.' })
  value: string;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: 'Counts for the current search and filter, most frequent first.' })
export class OfferingFacets {
  @Field(() => [FacetCount])
  kinds: FacetCount[];

  @Field(() => [FacetCount])
  areas: FacetCount[];

  @Field(() => [FacetCount])
  topics: FacetCount[];

  @Field(() => [FacetCount], { description: 'Owning sections.' })
  sections: FacetCount[];

  @Field(() => [FacetCount])
  deliveryModes: FacetCount[];
}

export interface OfferingSummary {
  totalCount: number;
  facets: OfferingFacets;
}

export type FacetName = keyof OfferingFacets;
export const FACET_NAMES: readonly FacetName[] = ['kinds', 'areas', 'topics', 'sections', 'deliveryModes'];

/** What of the summary a document reads: the total, and which facets (each one a GROUP BY of its own). */
export interface SummaryParts {
  total: boolean;
  facets: ReadonlySet<FacetName>;
}

export const WHOLE_SUMMARY: SummaryParts = { total: true, facets: new Set(FACET_NAMES) };

@ObjectType({ description: 'A page of offerings (Relay connection) with the total and facets of the whole result.' })
export class OfferingConnection extends Connection(Offering) {
  @Field(() => OfferingFacets)
  facets: OfferingFacets;

  /** Total and the selected facets share one statement, run only when the client selects either. */
  summary: () => Promise<OfferingSummary>;
}
