import { buildSchema, graphql } from 'graphql';
import { BudgetExceeded, ExecutionBudget, guardResolvers } from './execution-budget.js';

const schema = buildSchema('type Node { id: Int, children: [Node!]! } type Query { nodes: [Node!]!, slow: [Node!]! }');
const node = (id: number) => ({ id });
schema.getQueryType()!.getFields().nodes!.resolve = () => Array.from({ length: 10 }, (_, i) => node(i));
schema.getQueryType()!.getFields().slow!.resolve = () => new Promise((r) => setTimeout(() => r([node(1), node(2)]), 60));
(schema.getType('Node') as import('graphql').GraphQLObjectType).getFields().children!.resolve = (n: { id: number }) => Array.from({ length: 10 }, (_, i) => node(n.id * 10 + i));
guardResolvers(schema);

const run = (query: string, budget?: ExecutionBudget) => graphql({ schema, source: query, contextValue: { budget } });

describe('execution budget', () => {
  it('counts the objects resolvers return and stops past the cap with one shared error', async () => {
    const budget = new ExecutionBudget(60_000, 50);
    const res = await run('{ nodes { children { id } } }', budget);
    expect(budget.exceeded).toBeInstanceOf(BudgetExceeded);
    expect(budget.exceeded!.message).toMatch(/grew past 50 objects/);
    expect(new Set(res.errors!.map((e) => e.originalError))).toEqual(new Set([budget.exceeded]));
  });

  it('stops resolvers that start after the deadline', async () => {
    const budget = new ExecutionBudget(30, 10_000);
    const res = await run('{ slow { children { id } } }', budget);
    expect(res.errors![0]!.originalError).toBeInstanceOf(BudgetExceeded);
    expect(res.errors![0]!.message).toMatch(/stopped after 30 ms/);
  });

  it('lets a query within its budget through unchanged, and runs unguarded without one', async () => {
    const budget = new ExecutionBudget(60_000, 1000);
    const res = await run('{ nodes { children { id } } }', budget);
    expect(res.errors).toBeUndefined();
    expect(budget.objects).toBe(10 + 10 * 10);
    expect((await run('{ nodes { id } }')).data).toEqual({ nodes: Array.from({ length: 10 }, (_, i) => ({ id: i })) });
  });
});
