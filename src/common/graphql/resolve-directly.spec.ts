import 'reflect-metadata';
import type { ModuleRef } from '@nestjs/core';
import { Field, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { buildSchema, type GraphQLObjectType } from 'graphql';
import { RequestContext } from '../context/request-context.js';
import { Ctx } from '../context/ctx.decorator.js';
import { ResolveDirectly, resolveDirectFields } from './resolve-directly.js';

@ObjectType()
class Shelf {
  @Field()
  id: string;
}

@Resolver(() => Shelf)
class ShelfResolver {
  constructor(private readonly prefix: string) {}

  @ResolveField(() => String)
  @ResolveDirectly()
  label(@Parent() shelf: Shelf, @Ctx() ctx: RequestContext): string {
    return `${this.prefix}${shelf.id} for ${ctx.requestId}`;
  }

  @ResolveField(() => String, { name: 'shortLabel' })
  @ResolveDirectly()
  short(@Parent() shelf: Shelf): string {
    return `${this.prefix}${shelf.id}`;
  }
}

@ObjectType()
class Crate {
  @Field()
  id: string;
}

@Resolver(() => Crate)
class CrateResolver {
  @ResolveField(() => String)
  @ResolveDirectly()
  label(@Parent() crate: Crate, @Ctx() _ctx: RequestContext, extra: string): string {
    return crate.id + extra;
  }
}

const moduleRef = (instances: Map<unknown, unknown>) => ({ get: (type: unknown) => instances.get(type) }) as unknown as ModuleRef;

describe('@ResolveDirectly', () => {
  it('calls the method of this application\'s resolver instance with the parent and the request context', () => {
    const schema = buildSchema('type Shelf { id: String!, label: String!, shortLabel: String! } type Query { shelf: Shelf }');
    resolveDirectFields(schema, moduleRef(new Map([[ShelfResolver, new ShelfResolver('S-')]])));
    const fields = (schema.getType('Shelf') as GraphQLObjectType).getFields();
    const ctx = new RequestContext('req-7', 'en');
    expect(fields.label!.resolve!({ id: '12' }, {}, { ctx }, {} as never)).toBe('S-12 for req-7');
    // The field is the @ResolveField name, not the method's.
    expect(fields.shortLabel!.resolve!({ id: '12' }, {}, { ctx }, {} as never)).toBe('S-12');
  });

  it('leaves a schema without the resolver\'s type alone', () => {
    const schema = buildSchema('type Query { ping: String }');
    expect(() => resolveDirectFields(schema, moduleRef(new Map()))).not.toThrow();
  });

  it('refuses a method that takes more than the parent and the context', () => {
    const schema = buildSchema('type Crate { id: String!, label: String! } type Query { crate: Crate }');
    expect(() => resolveDirectFields(schema, moduleRef(new Map([[CrateResolver, new CrateResolver()]])))).toThrow(
      '@ResolveDirectly CrateResolver.label: must take (@Parent(), @Ctx()) only',
    );
  });

  it('names the missing field when the schema has the type without it', () => {
    const schema = buildSchema('type Shelf { id: String! } type Query { shelf: Shelf }');
    expect(() => resolveDirectFields(schema, moduleRef(new Map([[ShelfResolver, new ShelfResolver('S-')]])))).toThrow(
      '@ResolveDirectly ShelfResolver.label: no field Shelf.label in the schema',
    );
  });
});
