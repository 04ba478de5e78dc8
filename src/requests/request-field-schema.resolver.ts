import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { OfferingKind } from '../catalogue/catalogue.enums.js';
import { Allow } from '../common/auth/allow.decorator.js';
import { Permission } from '../common/auth/permission.js';
import { Ctx } from '../common/context/ctx.decorator.js';
import type { RequestContext } from '../common/context/request-context.js';
import { JSONObject } from '../common/graphql/json-object.scalar.js';
import { CooperationRequest } from './cooperation-request.entity.js';
import { RequestFieldProblem, RequestFieldSchema, RequestFieldSchemaSubject } from './dto/request-field.types.js';
import { canReadRequest, personalDataAccess } from './request-access.js';
import { RequestFieldsService } from './request-fields.service.js';

/** Issue #15 item 1: which extra fields a request asks for (the form reads this), and administrators' replacement of them. */
@Resolver(() => RequestFieldSchema)
export class RequestFieldSchemaResolver {
  constructor(private readonly fields: RequestFieldsService) {}

  @Allow(Permission.ReadCatalogue)
  @Query(() => RequestFieldSchema, { nullable: true, description: "The extra fields a request for this offering (its own schema, else its kind's), or of this kind, asks for; null when none." })
  requestFieldSchema(
    @Ctx() ctx: RequestContext,
    @Args('offeringId', { type: () => ID, nullable: true }) offeringId?: string | null,
    @Args('kind', { type: () => OfferingKind, nullable: true }) kind?: OfferingKind | null,
  ): Promise<RequestFieldSchema | null> {
    return this.fields.schemaFor(ctx, offeringId ?? null, offeringId ? null : (kind ?? null));
  }

  @Allow(Permission.ManageReferenceData)
  @Query(() => [RequestFieldSchema], { description: 'Administrators: every kind\'s and offering\'s request field schema.' })
  requestFieldSchemas(@Ctx() ctx: RequestContext): Promise<RequestFieldSchema[]> {
    return this.fields.list(ctx);
  }

  @Allow(Permission.ManageReferenceData)
  @Mutation(() => RequestFieldSchema, {
    nullable: true,
    description: "Administrators: replaces a kind's (or one offering's) request field schema; schema null removes it. Audited (requestFieldSchema.replace / .remove). Requests already submitted keep their values.",
  })
  setRequestFieldSchema(
    @Ctx() ctx: RequestContext,
    @Args('subject') subject: RequestFieldSchemaSubject,
    @Args('schema', { type: () => JSONObject, nullable: true }) schema: Record<string, unknown> | null,
  ): Promise<RequestFieldSchema | null> {
    return this.fields.replace(ctx, subject, schema ?? null);
  }
}

@Resolver(() => CooperationRequest)
export class RequestKindFieldsResolver {
  constructor(private readonly fields: RequestFieldsService) {}

  @ResolveField(() => JSONObject, {
    nullable: true,
    description:
      "The offering kind's extra fields (see requestFieldSchema). They can name people (an SPS application's directors): shown to the same readers as participants, null for others.",
  })
  kindFields(@Parent() r: CooperationRequest, @Ctx() ctx: RequestContext): Record<string, unknown> | null {
    return personalDataAccess(ctx, r) ? r.kindFields : null;
  }

  @ResolveField(() => [RequestFieldProblem], {
    description: "A draft's problems with its kindFields (the draft keeps what was typed; submission refuses them with INVALID_FIELDS). Empty once submitted. Ask for it on one draft, not on lists.",
  })
  kindFieldProblems(@Parent() r: CooperationRequest, @Ctx() ctx: RequestContext): Promise<RequestFieldProblem[]> | RequestFieldProblem[] {
    return canReadRequest(ctx, r) ? this.fields.draftProblems(ctx, r) : [];
  }
}
