import { Injectable } from '@nestjs/common';
import { Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../common/auth/allow.decorator.js';
import { Permission } from '../common/auth/permission.js';
import { Ctx } from '../common/context/ctx.decorator.js';
import type { RequestContext } from '../common/context/request-context.js';
import { Sql } from '../common/database/sql.js';

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

/** allied_nation: reference data seeded by migration; every statement on it is here. */
@Injectable()
export class AlliedNationRepository {
  constructor(private readonly sql: Sql) {}

  list(ctx: RequestContext): Promise<Array<Omit<AlliedNation, 'name'>>> {
    return this.sql.rows(ctx, 'SELECT code, name_en AS "nameEn", name_fr AS "nameFr", member_since AS "memberSince" FROM allied_nation ORDER BY name_en', {}, { prepare: true });
  }
}

/** The Allies, for other contexts (the request fields' `allied-nations` list) and the API. Loaded once per request. */
@Injectable()
export class AlliedNationService {
  constructor(private readonly nations: AlliedNationRepository) {}

  async list(ctx: RequestContext): Promise<AlliedNation[]> {
    const rows = await ctx.loaders.get('organisation.alliedNations', async (keys: readonly string[]) => {
      const all = await this.nations.list(ctx);
      return keys.map(() => all);
    }).load('all');
    return rows.map((r) => ({ ...r, name: ctx.language === 'fr' ? r.nameFr : r.nameEn }));
  }

  async codes(ctx: RequestContext): Promise<Set<string>> {
    return new Set((await this.list(ctx)).map((n) => n.code));
  }
}

@Resolver(() => AlliedNation)
export class AlliedNationResolver {
  constructor(private readonly nations: AlliedNationService) {}

  @Allow(Permission.Authenticated)
  @Query(() => [AlliedNation], { description: 'The Allies (NATO member nations), by English name.' })
  alliedNations(@Ctx() ctx: RequestContext): Promise<AlliedNation[]> {
    return this.nations.list(ctx);
  }
}
