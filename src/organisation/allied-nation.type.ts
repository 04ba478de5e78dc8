import { Field, ObjectType } from '@nestjs/graphql';

/** One of the 32 member nations (issue #15): the NATO-country co-director of an SPS application comes from one. */
@ObjectType({ description: 'A NATO member nation (an Ally), by ISO 3166-1 alpha-3 code.' })
export class AlliedNation {
  @Field({ description: 'ISO 3166-1 alpha-3, e.g. NOR.' })
  code: string;

  @Field()
  nameEn: string;

  @Field()
  nameFr: string;

  @Field({ description: 'In the language of the request (Accept-Language).' })
  name: string;

  @Field()
  memberSince: number;
}
