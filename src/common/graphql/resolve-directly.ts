import type { Type } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import { RESOLVER_NAME_METADATA, RESOLVER_TYPE_METADATA } from '@nestjs/graphql';
import { GraphQLObjectType, type GraphQLSchema } from 'graphql';
import type { GraphQLContext } from '../context/ctx.decorator.js';

interface DirectField {
  resolver: Type;
  method: string;
}

const marked: DirectField[] = [];

/**
 * Calls this @ResolveField method straight from the schema as `method(parent, ctx)`, outside Nest's
 * per-call pipeline (execution context, parameter factories, pipes, promises), which costs more than a
 * DataLoader lookup: for fields resolved once per node of a list page. The method must take `@Parent()`
 * and optionally `@Ctx()`, in that order, and nothing else; field resolvers run no guards either way.
 */
export function ResolveDirectly(): MethodDecorator {
  return (target, key) => {
    marked.push({ resolver: target.constructor as Type, method: String(key) });
  };
}

/** Installs every @ResolveDirectly field with this application's resolver instances (a `transformSchema` step). */
export function resolveDirectFields(schema: GraphQLSchema, moduleRef: ModuleRef): GraphQLSchema {
  for (const { resolver, method } of marked) {
    const typeName = Reflect.getMetadata(RESOLVER_TYPE_METADATA, resolver) as string | undefined;
    const implementation = (resolver.prototype as Record<string, unknown>)[method] as (...args: unknown[]) => unknown;
    const fieldName = (Reflect.getMetadata(RESOLVER_NAME_METADATA, implementation) as string | undefined) ?? method;
    const where = `@ResolveDirectly ${resolver.name}.${method}`;
    if (!typeName) throw new Error(`${where}: the class is not a @Resolver of an object type`);
    const type = schema.getType(typeName);
    // A schema without the type (an application built without that module) has nothing to install.
    if (!type) continue;
    if (implementation.length < 1 || implementation.length > 2) throw new Error(`${where}: must take (@Parent(), @Ctx()) only`);
    const definition = type instanceof GraphQLObjectType ? type.getFields()[fieldName] : undefined;
    if (!definition) throw new Error(`${where}: no field ${typeName}.${fieldName} in the schema`);
    const instance = moduleRef.get(resolver, { strict: false }) as Record<string, (parent: unknown, ctx: unknown) => unknown>;
    definition.resolve = (source: unknown, _args: unknown, context: GraphQLContext) => instance[method]!(source, context.ctx);
  }
  return schema;
}
