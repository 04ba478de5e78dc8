import { Field, type FieldOptions } from '@nestjs/graphql';
import { GraphQLObjectType, type GraphQLSchema } from 'graphql';
import type { GraphQLContext } from '../context/ctx.decorator.js';
import { contentLanguage, localised } from './language.js';

interface LocalisedFieldSpec {
  field: string;
  en: string;
  fr: string;
  required: boolean;
}

const registry = new Map<string, LocalisedFieldSpec[]>();

/**
 * A text in the content language, or in the other one when missing, from the `en`/`fr` properties of its
 * object: a plain field whose resolver is a bare synchronous function set on the schema by
 * `resolveLocalisedFields` (no Nest @ResolveField per node: context creation, pipes and parameter factories
 * cost more than the text). The GraphQL type is the class name (an @ObjectType without an explicit name).
 */
export function LocalisedField(en: string, fr: string, options: FieldOptions & { nullable?: boolean }): PropertyDecorator {
  return (target, key) => {
    Field(() => String, options)(target, key);
    const typeName = (target as { constructor: { name: string } }).constructor.name;
    const specs = registry.get(typeName) ?? [];
    specs.push({ field: String(key), en, fr, required: !options.nullable });
    registry.set(typeName, specs);
  };
}

/** Sets the resolvers of every @LocalisedField (a `transformSchema` step). */
export function resolveLocalisedFields(schema: GraphQLSchema): GraphQLSchema {
  for (const [typeName, specs] of registry) {
    const type = schema.getType(typeName);
    if (!(type instanceof GraphQLObjectType)) throw new Error(`@LocalisedField: no object type ${typeName} in the schema`);
    const fields = type.getFields();
    for (const { field, en, fr } of specs) {
      const definition = fields[field];
      if (!definition) throw new Error(`@LocalisedField: no field ${typeName}.${field} in the schema`);
      definition.resolve = (source: Record<string, string | null | undefined>, _args: unknown, context: GraphQLContext) =>
        localised(source[en], source[fr], contentLanguage(context.ctx));
    }
  }
  return schema;
}
