import { getNullableType, isCompositeType, isListType, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { DomainError } from '../errors/domain-error.js';
import { ErrorCode } from '../errors/error-code.js';

/** A budget refusal: the error formatter answers it once, without the partial data. */
export class BudgetExceeded extends DomainError {}

/**
 * Per execution: when it must end and how many objects its resolvers have returned so far. The query cost
 * refuses what could be too big before anything runs; this stops what turns out bigger or slower than its
 * estimate (a request with more comments than declared, a slow database) instead of letting it run on.
 */
export class ExecutionBudget {
  objects = 0;
  /** Set once exceeded: every later resolver throws the same error, so execution winds down at once. */
  exceeded: BudgetExceeded | undefined;
  private readonly deadline: number;

  constructor(
    private readonly timeoutMs: number,
    private readonly maxObjects: number,
  ) {
    this.deadline = Date.now() + timeoutMs;
  }

  /** Called before each guarded resolver. */
  check(): void {
    if (this.exceeded) throw this.exceeded;
    if (Date.now() > this.deadline) {
      throw (this.exceeded = new BudgetExceeded(
        ErrorCode.SERVICE_UNAVAILABLE,
        `The query was stopped after ${this.timeoutMs} ms, its execution time budget. Ask for less (fewer levels, smaller pages) or try again in a moment.`,
        { limit: 'GRAPHQL_EXECUTION_TIMEOUT_MS', timeoutMs: this.timeoutMs },
      ));
    }
  }

  /** Counts what a resolver returned: a list counts its items, anything else one object. */
  count(value: unknown): void {
    this.objects += Array.isArray(value) ? value.length : value === null || value === undefined ? 0 : 1;
    if (this.objects > this.maxObjects && !this.exceeded) {
      this.exceeded = new BudgetExceeded(
        ErrorCode.BAD_USER_INPUT,
        `The response grew past ${this.maxObjects.toLocaleString('en-US')} objects, the most one response may hold, and was stopped. Ask for fewer levels or lists, or page with first/after.`,
        { limit: this.maxObjects },
      );
    }
    if (this.exceeded) throw this.exceeded;
  }
}

/** Where the budget rides: the GraphQL context object every resolver receives. */
export interface BudgetedContext {
  budget?: ExecutionBudget;
}

/** The budget refusal behind a GraphQL error, if that is what it is. */
export function budgetRefusal(error: unknown): BudgetExceeded | undefined {
  const original = (error as { originalError?: unknown } | null)?.originalError ?? error;
  return original instanceof BudgetExceeded ? original : undefined;
}

/**
 * Wraps every resolver that returns objects or lists (relations, loaders, root fields) so it checks the budget
 * before it runs and counts what it returns. Plain property fields and scalar resolvers are left alone: they
 * cost nothing of their own, and graphql-jit inlines the property reads.
 */
export function guardResolvers(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      const returns = getNullableType(field.type);
      if (!resolve || !(isListType(returns) || isCompositeType(returns))) continue;
      field.resolve = guarded(resolve);
    }
  }
  return schema;
}

function guarded(resolve: GraphQLFieldResolver<unknown, unknown>): GraphQLFieldResolver<unknown, unknown> {
  return (source, args, context, info) => {
    const budget = (context as BudgetedContext | undefined)?.budget;
    if (!budget) return resolve(source, args, context, info);
    budget.check();
    const result = resolve(source, args, context, info);
    if (result instanceof Promise) {
      return result.then((value: unknown) => {
        budget.count(value);
        return value;
      });
    }
    budget.count(result);
    return result;
  };
}
