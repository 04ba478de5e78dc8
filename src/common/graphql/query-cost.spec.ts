import { readFileSync } from 'node:fs';
import { buildSchema, getNamedType, getNullableType, isEnumType, isListType, isObjectType, parse, type GraphQLEnumType } from 'graphql';
import { DomainError } from '../errors/domain-error.js';
import { assertQueryCost, costMessage, LIST_SIZES, queryCost, type MeasuredSizes } from './query-cost.js';

const schema = buildSchema(readFileSync(new URL('../../../schema.gql', import.meta.url), 'utf8'));

/** The seed data's sizes: 37 sections, at most 12 children of one section, 43 partners… */
const SEED: MeasuredSizes = { sections: 37, sectionChildren: 12, partners: 43, frameworks: 5, areas: 6, topics: 18, routingRules: 3, userSections: 2, userCoveredPartners: 4 };

const cost = (query: string, variables?: Record<string, unknown>) => queryCost(schema, parse(query), variables, SEED);

describe('query cost', () => {
  it('declares a size for every list field of the schema that is neither paged nor a list of enum values', () => {
    const undeclared: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        if (!isListType(getNullableType(field.type)) || isEnumType(getNamedType(field.type))) continue;
        const paged = field.name === 'edges' || field.args.some((a) => a.name === 'first');
        if (!paged && LIST_SIZES[`${type.name}.${field.name}`] === undefined) undeclared.push(`${type.name}.${field.name}`);
      }
    }
    expect(undeclared).toEqual([]);
  });

  it('names only fields and enums that exist', () => {
    const missing = Object.entries(LIST_SIZES).filter(([key, size]) => {
      const [type, field] = key.split('.');
      const t = schema.getType(type!);
      return !isObjectType(t) || !t.getFields()[field!] || (typeof size === 'string' && size.startsWith('enum:') && !isEnumType(schema.getType(size.slice(5))));
    });
    expect(missing).toEqual([]);
  });

  it('multiplies nested lists by their measured sizes', () => {
    expect(cost('{ sections { code } }')).toBe(37);
    expect(cost('{ sections { children { code } } }')).toBe(37 * (1 + 12));
    expect(cost('{ sections { parent { code } } }')).toBe(37 * 2);
    // The document: 1.7 million by the bound (590,000 really).
    expect(cost('{sections{parent{children{parent{children{parent{children{parent{children{parent{code}}}}}}}}}}}')).toBeGreaterThan(1_000_000);
  });

  it('sizes connection edges by first, literal or variable, and by the default page without it', () => {
    const q = 'query($n: Int) { offerings(first: $n) { totalCount edges { node { code areas { code } } } } }';
    // The connection, then per edge: the edge, its node, the node's areas.
    expect(cost(q, { n: 10 })).toBe(1 + 10 * (1 + 1 + 6));
    expect(cost(q, {})).toBe(1 + 20 * (1 + 1 + 6));
    expect(cost('{ offerings(first: 3) { edges { node { code } } } }')).toBe(1 + 3 * 2);
  });

  it('counts aliases and fragments as written', () => {
    expect(cost('{ a: sections { code } b: sections { code } }')).toBe(74);
    expect(cost('{ sections { ...S } } fragment S on Section { children { code } }')).toBe(37 * 13);
  });

  it('counts lists of enum values, and lists declared per enum value, by the size of the enum', () => {
    const statuses = (schema.getType('RequestStatus') as GraphQLEnumType).getValues().length;
    expect(cost('query($id: ID!) { request(id: $id) { allowedTransitions } }', { id: 'x' })).toBe(1 + statuses);
    expect(cost('{ requestStatistics { byStatus { key count } } }')).toBe(1 + statuses);
  });

  it('refuses above the limit with the cost and the limit, in a message that says what to do', () => {
    const refuse = () => assertQueryCost(schema, parse('{ sections { children { children { code } } } }'), undefined, SEED, 3000);
    expect(refuse).toThrow(DomainError);
    try {
      refuse();
    } catch (e) {
      expect((e as DomainError).details).toEqual({ cost: 37 * (1 + 12 * 13), limit: 3000 });
      expect((e as DomainError).message).toBe(
        'Query cost limit exceeded: this query could return about 5,800 objects (its cost); the limit is 3,000. Ask for fewer levels or lists, or page with first/after.',
      );
    }
    expect(() => assertQueryCost(schema, parse('{ sections { code } }'), undefined, SEED, 3000)).not.toThrow();
  });

  it('rounds large costs to two figures', () => {
    expect(costMessage(590_123, 3000)).toMatch(/about 590,000 objects/);
    expect(costMessage(412, 300)).toMatch(/return 412 objects/);
    expect(costMessage(1e12, 3000)).toMatch(/over a billion objects/);
  });
});
