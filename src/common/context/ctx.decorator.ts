import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { RequestContext } from './request-context.js';

export interface GraphQLContext {
  ctx: RequestContext;
}

/** Injects the request context into a resolver method. */
export const Ctx = createParamDecorator((_data: unknown, execution: ExecutionContext): RequestContext => {
  return GqlExecutionContext.create(execution).getContext<GraphQLContext>().ctx;
});
