import {
  astFromValue,
  getNullableType,
  isInputObjectType,
  isListType,
  Kind,
  typeFromAST,
  valueFromASTUntyped,
  type DocumentNode,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';

/**
 * graphql-jit (the compiled query Mercurius switches to from the second call of a document on) coerces
 * variables with generated code that applies an input field's default only when the field is nullable: a
 * non-null field with a default (`releasability: String! = "NATO UNCLASSIFIED"`) left out is reported as
 * "not provided". graphql-js applies it either way, hence "works once". This fills those defaults into the
 * variables before execution, as the GraphQL specification's input coercion does, so both paths agree.
 */

interface FieldDefault {
  name: string;
  /** The default as a client would send it (enum names, not internal values): the coercion runs after. */
  value: unknown;
}

interface InputPlan {
  defaults: FieldDefault[];
  /** Fields whose input type has defaults further down. */
  nested: Array<{ name: string; type: GraphQLInputType }>;
}

const plans = new WeakMap<GraphQLInputObjectType, InputPlan | null>();

/** What to fill in for one input object type; null when neither it nor anything below it has a default. */
function planFor(type: GraphQLInputObjectType, visiting = new Set<GraphQLInputObjectType>()): InputPlan | null {
  if (plans.has(type)) return plans.get(type)!;
  if (visiting.has(type)) return null; // a recursive input type: its own plan is being made above
  visiting.add(type);
  const plan: InputPlan = { defaults: [], nested: [] };
  for (const field of Object.values(type.getFields())) {
    if (field.defaultValue !== undefined) {
      const ast = astFromValue(field.defaultValue, field.type);
      if (ast) plan.defaults.push({ name: field.name, value: valueFromASTUntyped(ast) });
    }
    const inner = innerInputObject(field.type);
    if (inner && (inner === type || planFor(inner, visiting))) plan.nested.push({ name: field.name, type: field.type });
  }
  visiting.delete(type);
  const result = plan.defaults.length > 0 || plan.nested.length > 0 ? plan : null;
  plans.set(type, result);
  return result;
}

function innerInputObject(type: GraphQLInputType): GraphQLInputObjectType | undefined {
  let t: GraphQLInputType = getNullableType(type);
  while (isListType(t)) t = getNullableType(t.ofType);
  return isInputObjectType(t) ? t : undefined;
}

/** The variables of a document whose types carry input defaults; found once per parsed document. */
const documentVariables = new WeakMap<DocumentNode, Array<{ name: string; type: GraphQLInputType }>>();

function variablesWithDefaults(schema: GraphQLSchema, document: DocumentNode): Array<{ name: string; type: GraphQLInputType }> {
  let found = documentVariables.get(document);
  if (!found) {
    found = [];
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      for (const variable of definition.variableDefinitions ?? []) {
        const type = typeFromAST(schema, variable.type as never) as GraphQLInputType | undefined;
        const inner = type && innerInputObject(type);
        if (inner && planFor(inner)) found.push({ name: variable.variable.name.value, type: type! });
      }
    }
    documentVariables.set(document, found);
  }
  return found;
}

/** The variables with every omitted input field default filled in; the same object when there is nothing to fill. */
export function withInputDefaults(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!variables) return variables;
  const found = variablesWithDefaults(schema, document);
  let result = variables;
  for (let i = 0; i < found.length; i++) {
    const { name, type } = found[i]!;
    const value = variables[name];
    const filled = fill(type, value);
    if (filled !== value) {
      if (result === variables) result = { ...variables };
      result[name] = filled;
    }
  }
  return result;
}

function fill(type: GraphQLInputType, value: unknown): unknown {
  if (value === null || value === undefined || typeof value !== 'object') return value;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    if (!Array.isArray(value)) return fill(nullable.ofType, value); // a single value stands for a list of one
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = fill(nullable.ofType, value[i]);
      if (item !== value[i]) (copy ??= [...value])[i] = item;
    }
    return copy ?? value;
  }
  if (!isInputObjectType(nullable) || Array.isArray(value)) return value; // the coercion reports the mistake
  const plan = planFor(nullable);
  if (!plan) return value;
  const input = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const { name, value: defaultValue } of plan.defaults) {
    if (!Object.prototype.hasOwnProperty.call(input, name)) (copy ??= { ...input })[name] = defaultValue;
  }
  for (const { name, type: fieldType } of plan.nested) {
    const inner = fill(fieldType, input[name]);
    if (inner !== input[name]) (copy ??= { ...input })[name] = inner;
  }
  return copy ?? value;
}
